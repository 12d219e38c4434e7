package uk.childvoice.anonymiser.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import uk.childvoice.contracts.QuestionIds;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.DeidentifiedArea;
import uk.childvoice.contracts.v1.Geography;

/**
 * Coarsens the quasi-identifiers of a response: age to its questionnaire band, ethnicity to its ONS
 * 2021 broad group, the area to no finer than local authority (and to region only for children in
 * secure settings, of whom there are few enough per authority to be picked out).
 */
public final class QuasiIdentifiers {
    /**
     * ONS 2021 detailed ethnic group (19 categories) to the 5 broad groups. Intake's option codes are
     * {@code <broad>_<detail>} (e.g. {@code white_irish}, {@code other_arab}), so an unlisted detailed
     * code still maps by its prefix; the explicit table pins the census wording.
     */
    static final Map<String, String> BROAD_ETHNICITY = Map.ofEntries(
            Map.entry("asian_bangladeshi", "asian"), Map.entry("asian_chinese", "asian"),
            Map.entry("asian_indian", "asian"), Map.entry("asian_pakistani", "asian"), Map.entry("asian_other", "asian"),
            Map.entry("black_african", "black"), Map.entry("black_caribbean", "black"), Map.entry("black_other", "black"),
            Map.entry("mixed_white_asian", "mixed"), Map.entry("mixed_white_black_african", "mixed"),
            Map.entry("mixed_white_black_caribbean", "mixed"), Map.entry("mixed_other", "mixed"),
            Map.entry("white_british", "white"), Map.entry("white_irish", "white"),
            Map.entry("white_gypsy_irish_traveller", "white"), Map.entry("white_roma", "white"),
            Map.entry("white_other", "white"),
            Map.entry("other_arab", "other"), Map.entry("other_any", "other"), Map.entry("other", "other"));
    private static final List<String> BROAD_GROUPS = List.of("asian", "black", "mixed", "white", "other");

    private QuasiIdentifiers() {
    }

    /** The questionnaire age band of an age (4-5, 6-8, 9-12, 13-17), or null outside 4..17 or when unknown. */
    public static String ageBand(Integer age) {
        if (age == null) {
            return null;
        }
        if (age >= 4 && age <= 5) {
            return "4-5";
        }
        if (age >= 6 && age <= 8) {
            return "6-8";
        }
        if (age >= 9 && age <= 12) {
            return "9-12";
        }
        if (age >= 13 && age <= 17) {
            return "13-17";
        }
        return null;
    }

    /** The ONS 2021 broad group of the ethnicity answer among the choices, or null if not answered. */
    public static String ethnicityBroad(List<ChoiceAnswer> choices) {
        for (ChoiceAnswer c : choices) {
            if (QuestionIds.ETHNICITY.equals(c.getQuestionId()) && c.getStatus() == AnswerStatus.ANSWERED
                    && !c.getCodes().isEmpty()) {
                return broadGroup(c.getCodes().get(0));
            }
        }
        return null;
    }

    static String broadGroup(String detailed) {
        if (detailed == null) {
            return null;
        }
        String code = detailed.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        String broad = BROAD_ETHNICITY.get(code);
        if (broad != null) {
            return broad;
        }
        for (String group : BROAD_GROUPS) {
            if (code.equals(group) || code.startsWith(group + "_")) {
                return group;
            }
        }
        return null;
    }

    /** The area as published: no LSOA ever; for secure settings only the region survives. */
    public static DeidentifiedArea area(Geography g, boolean secureSetting) {
        DeidentifiedArea.Builder area = DeidentifiedArea.newBuilder()
                .setStatus(g.getStatus())
                .setSource(g.getSource())
                .setRegion(g.getRegion());
        if (!secureSetting) {
            area.setLad(g.getLad())
                    .setLadName(g.getLadName())
                    .setImdDecile(g.getImdDecile())
                    .setImdEdition(g.getImdEdition())
                    .setDataVersion(g.getDataVersion());
        }
        return area.build();
    }

    /** Closed answers to pass on: for secure settings the local-council answer goes, as it is finer than region. */
    public static List<ChoiceAnswer> choices(List<ChoiceAnswer> choices, boolean secureSetting) {
        if (!secureSetting) {
            return choices;
        }
        List<ChoiceAnswer> kept = new ArrayList<>(choices.size());
        for (ChoiceAnswer c : choices) {
            if (!QuestionIds.LOCAL_COUNCIL.equals(c.getQuestionId())) {
                kept.add(c);
            }
        }
        return kept;
    }
}
