package org.medconnect.server.chart.coding;

/** One billable ICD-10-CM code with its dot ("J45.909") and its CDC/NCHS title. */
public record Icd10Code(String code, String title) {}
