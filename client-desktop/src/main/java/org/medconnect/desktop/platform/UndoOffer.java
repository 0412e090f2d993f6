package org.medconnect.desktop.platform;

/**
 * What a notification bar offers right after a one-click status move ("Token 7 checked in.
 * Undo"): the words and the view model's undo. Decision 0025: check-in, no-show and complete
 * act at once and are offered back, rather than asking "are you sure?" every time.
 */
public record UndoOffer(String text, Runnable undo) {}
