package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.anonymiser.evaluation.SafeguardingEvaluation;
import uk.childvoice.contracts.v1.SafeguardingCategory;

class SafeguardingDetectorTest {
    private static final SafeguardingDetector DETECTOR = SafeguardingDetector.load();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            my step dad hits me when mum is out              | PHYSICAL_ABUSE
            a man online keeps asking me for pics            | GROOMING_EXPLOITATION
            he says not to tell anyone                       | GROOMING_EXPLOITATION
            my step dad touches me and i dont like it        | SEXUAL_ABUSE
            i want to kill myself                            | SUICIDE
            I Don’t Want To Be Alive Anymore                 | SUICIDE
            i cut myself when i feel sad                     | SELF_HARM
            there is no food at home most days               | NEGLECT
            my dad hits my mum                               | DOMESTIC_ABUSE
            people at school tell me to kill myself          | SEVERE_BULLYING
            """)
    void flagsChildrensPhrasing(String text, SafeguardingCategory category) {
        SafeguardingAssessment a = DETECTOR.assess(text.strip());
        assertThat(a.flag()).isTrue();
        assertThat(a.categories()).contains(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "this homework is killing me",
        "my mum will kill me if i fail my exams",
        "i was dying of laughter",
        "i hit the ball really far in rounders",
        "i kill zombies in minecraft",
        "i want to cut my hair short",
        "my teacher asked for photos of our science project",
        "i dont want to live in a city when im older",
        "we talked about suicide prevention in assembly"})
    void ignoresHyperboleAndOrdinaryLife(String text) {
        assertThat(DETECTOR.assess(text).flag()).isFalse();
    }

    @Test
    void everyLabelledDisclosurePassesTheCheapGate() {
        // The trigger stems are a speed gate: a disclosure the gate drops can never be flagged.
        for (SafeguardingEvaluation.Labelled l : SafeguardingEvaluation.read()) {
            if (!l.label().equals("NONE")) {
                assertThat(DETECTOR.assess(l.text()).flag()).as(l.text()).isTrue();
            }
        }
    }
}
