package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.childvoice.contracts.QuestionIds;

class QuestionnaireCatalogTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final QuestionnaireCatalog CATALOG = new QuestionnaireCatalog(MAPPER);

    @Test
    void loadsTheSixVariants() {
        List<String> ids = StreamSupport.stream(CATALOG.all().spliterator(), false).map(Questionnaire::id).toList();
        assertThat(ids).containsExactlyInAnyOrder("4-5", "6-8", "6-8-easy-read", "9-12", "9-12-easy-read", "13-17");
    }

    @Test
    void everyVariantSkipsPostcodeAndSchoolInSecureSettings() {
        for (Questionnaire q : CATALOG.all()) {
            assertThat(q.questions().get(QuestionIds.POSTCODE).skippedInSecureSetting()).as(q.id()).isTrue();
            assertThat(q.questions().get(QuestionIds.SCHOOL).skippedInSecureSetting()).as(q.id()).isTrue();
            assertThat(q.questions().get(QuestionIds.LIVING_SITUATION).codes()).as(q.id()).containsAll(QuestionIds.SECURE_SETTINGS);
            assertThat(q.questions().keySet()).as(q.id())
                    .contains(QuestionIds.AGE, QuestionIds.GENDER, QuestionIds.ETHNICITY, QuestionIds.SUPPORT_RECEIVED, QuestionIds.LOCAL_COUNCIL);
        }
    }

    @Test
    void ethnicityOffersTheNineteenCensus2021CategoriesAndCouncilsTheEnglishAuthorities() {
        Questionnaire q = CATALOG.latest("13-17").orElseThrow();
        assertThat(q.questions().get(QuestionIds.ETHNICITY).codes()).hasSize(19).contains("white_roma", "other_arab");
        assertThat(q.questions().get(QuestionIds.LOCAL_COUNCIL).codes()).hasSize(297).contains("E09000029", "dont_know");
    }

    @Test
    void fourToFiveHasAParentPartAndAChildPartWithoutFreeTextForTheChild() throws Exception {
        Questionnaire q = CATALOG.latest("4-5").orElseThrow();
        assertThat(q.pageIds()).containsExactly("parent", "child");
        assertThat(q.page("child")).isNotEmpty().allMatch(question -> question.type().isChoice());
        assertThat(q.minAge()).isEqualTo(4);
        assertThat(q.maxAge()).isEqualTo(5);
    }

    @Test
    void easyReadVariantsCarryEasyReadWordingForTheSameQuestions() throws Exception {
        JsonNode standard = MAPPER.readTree(CATALOG.latest("9-12").orElseThrow().definition());
        JsonNode easy = MAPPER.readTree(CATALOG.latest("9-12-easy-read").orElseThrow().definition());
        assertThat(easy.path("easyRead").asBoolean()).isTrue();
        assertThat(CATALOG.latest("9-12-easy-read").orElseThrow().questions().keySet())
                .isEqualTo(CATALOG.latest("9-12").orElseThrow().questions().keySet());
        String standardText = standard.path("pages").get(0).path("questions").get(0).path("text").asText();
        String easyText = easy.path("pages").get(0).path("questions").get(0).path("text").asText();
        assertThat(easyText).isNotBlank().isNotEqualTo(standardText);
        assertThat(easy.path("preferNotToSayLabel").asText()).isEqualTo("I don't want to say");
    }

    @Test
    void renderedDefinitionInlinesSharedOptionSets() throws Exception {
        JsonNode def = MAPPER.readTree(CATALOG.latest("13-17").orElseThrow().definition());
        JsonNode ethnicity = null;
        for (JsonNode page : def.path("pages")) {
            for (JsonNode q : page.path("questions")) {
                if (q.path("id").asText().equals("ethnicity")) {
                    ethnicity = q;
                }
            }
        }
        assertThat(ethnicity).isNotNull();
        assertThat(ethnicity.path("options")).hasSize(19);
        assertThat(ethnicity.path("groups")).hasSize(5);
    }
}
