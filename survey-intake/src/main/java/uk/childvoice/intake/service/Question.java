package uk.childvoice.intake.service;

import java.util.Set;

/**
 * One question of a loaded questionnaire, reduced to what validation needs.
 *
 * @param codes          allowed option codes (choice questions), empty otherwise
 * @param maxLength      longest accepted text in code points (free text, school), 0 otherwise
 * @param minValue       smallest accepted age (age questions)
 * @param maxValue       largest accepted age (age questions)
 * @param skippedInSecureSetting not asked of a child who lives in a secure setting (postcode, school)
 */
public record Question(String id, String pageId, QuestionType type, Set<String> codes, int maxLength,
        int minValue, int maxValue, boolean skippedInSecureSetting) {
}
