package org.medconnect.shared.validation;

/** One thing wrong with one input field, worded for the person who typed it. */
public record FieldError(String field, String message) {}
