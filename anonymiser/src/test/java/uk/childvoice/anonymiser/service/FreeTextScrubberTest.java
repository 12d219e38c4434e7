package uk.childvoice.anonymiser.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.anonymiser.service.recognizer.Lexicon;

/** Every recognizer: what it must remove (hits) and what it must leave alone (traps). */
class FreeTextScrubberTest {
    private static final FreeTextScrubber SCRUBBER = new FreeTextScrubber(Lexicon.load());

    @ParameterizedTest(name = "{1} in \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            text me on 07700 900123 or mail me                       | PHONE         | 07700 900123
            my mums number is +44 7700 900555                        | PHONE         | +44 7700 900555
            ring me on 01632 960123                                  | PHONE         | 01632 960123
            call 0161 496 0000 after school                          | PHONE         | 0161 496 0000
            mail sam.jones@example.com now                           | EMAIL         | sam.jones@example.com
            email lily at gmail dot com                              | EMAIL         | lily at gmail dot com
            see www.shanicebakes.co.uk for cakes                     | URL           | www.shanicebakes.co.uk
            my channel is youtube.com/@milo                          | URL           | youtube.com/@milo
            follow @milo.plays on tiktok                             | SOCIAL_HANDLE | @milo.plays
            add me on snap its lilyrose09                            | SOCIAL_HANDLE | lilyrose09
            my roblox is unicornqueen_2015                           | SOCIAL_HANDLE | unicornqueen_2015
            shoutout to @ jess_09 for the help                       | SOCIAL_HANDLE | @ jess_09
            my postcode is b15 2tt                                   | POSTCODE      | b15 2tt
            we live near SW1A1AA                                     | POSTCODE      | SW1A1AA
            my nhs number is 943 476 5919                            | ID_NUMBER     | 943 476 5919
            my number at the doctors is 9434765919 ok                | ID_NUMBER     | 9434765919
            my ni number is AB 12 34 56 C                            | ID_NUMBER     | AB 12 34 56 C
            upn K330201412345 on my report                           | ID_NUMBER     | K330201412345
            card 4111 1111 1111 1111 was used                        | ID_NUMBER     | 4111 1111 1111 1111
            iban GB82 WEST 1234 5698 7654 32 please                  | ID_NUMBER     | GB82 WEST 1234 5698 7654 32
            ssn 078-05-1120 on file                                  | ID_NUMBER     | 078-05-1120
            my ip is 192.168.1.20 lol                                | ID_NUMBER     | 192.168.1.20
            i was born on 12/03/2016                                 | DATE_OF_BIRTH | 12/03/2016
            my birthday is the 3rd of may                            | DATE_OF_BIRTH | 3rd of may
            i live at 14 willow road with mum                        | ADDRESS       | 14 willow road
            i live on larkspur close near the shop                   | PLACE_SMALL   | larkspur close
            ive been on rainbow ward for a month                     | PLACE_SMALL   | rainbow ward
            i was in ward 7 for ages                                 | PLACE_SMALL   | ward 7
            i live in a childrens home called maple lodge            | PLACE_SMALL   | maple lodge
            i go to st marys primary and i like it                   | SCHOOL        | st marys primary
            I go to Oakfield Primary School in year 1                | SCHOOL        | Oakfield Primary School
            i go to kingsmead academy                                | SCHOOL        | kingsmead academy
            my name is lily and i like unicorns                      | PERSON        | lily
            i sit next to mohammed in class                          | PERSON        | mohammed
            my best friend is grace she is kind                      | PERSON        | grace
            me and hope went to the park                             | PERSON        | hope
            my grandad will takes me swimming                        | PERSON        | will
            my friends are olivia and will                           | PERSON        | will
            my teacher is mrs patel                                  | PERSON        | patel
            my sister summer is a baby                               | PERSON        | summer
            my key worker is called sue                              | PERSON        | sue
            i thought grace okafor was presenting                    | PERSON        | grace okafor
            """)
    void removesIdentifier(String text, EntityType type, String identifier) {
        ScrubResult result = SCRUBBER.scrub(text.strip());
        assertThat(result.entities()).as(result.scrubbed())
                .anySatisfy(e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(text.strip().substring(e.start(), e.end())).isEqualTo(identifier);
                });
        assertThat(result.scrubbed()).doesNotContain(identifier).contains(type.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i hope i get a puppy for christmas",
        "i will be a vet when i grow up",
        "my mark in maths was 9 out of 10",
        "i like summer because we go to the beach",
        "we say grace before dinner",
        "i want to be a footballer like harry kane",
        "i love harry potter books",
        "i scored 3 goals in the park on saturday",
        "we have forest school on fridays",
        "i go to after school club on tuesdays",
        "my primary school is nice",
        "i will be going to high school in september",
        "i got 95 percent in my spelling test and 38 out of 40",
        "i want 1000 robux for my birthday",
        "it costs £20 to go to the zoo, the bus is £2.50",
        "my grandad was born in 1955 in jamaica",
        "in may we have sats and it was my birthday in june",
        "i want to visit manchester, paris and london",
        "i play fortnite and roblox with my friends",
        "i watch ksi and the sidemen on youtube.com",
        "my high score is 25000 on subway surfers",
        "i want to play for chelsea when im older",
        "i live in a small village near lincoln",
        "i was in hospital for 2 weeks last year",
        "we moved house in 2022 and i liked year 4 better than year 5",
        "my mum said i can have a phone when i am 11",
        "i got grade 8 on my piano exam at 7:30",
        "will there be enough jobs when we leave school",
        "i think schools should start at 10",
        "i want a jack russell dog",
        "i got 4111 points and 1111 coins",
        "version 1.2 of the game came out in 2019",
        "i went to my nans house",
        "meet @ 5pm by the gates",
        "see you @ school at 9"})
    void leavesOrdinaryWritingAlone(String text) {
        ScrubResult result = SCRUBBER.scrub(text);
        assertThat(result.entities()).as(result.scrubbed()).isEmpty();
        assertThat(result.scrubbed()).isEqualTo(text);
    }

    @Test
    void removesOwnSchoolAndItsCoreWhereverItAppears() {
        ScrubResult result = SCRUBBER.scrub("Kingsmead is ok but at kingsmead primary the food is bad",
                List.of("Kingsmead Primary School"));
        assertThat(result.scrubbed()).isEqualTo("[SCHOOL] is ok but at [SCHOOL] the food is bad");
    }

    @Test
    void keepsOwnSchoolCoreWhenItIsAnOrdinaryWord() {
        ScrubResult result = SCRUBBER.scrub("i hope things get better, Hope Academy is fine", List.of("Hope Academy"));
        assertThat(result.scrubbed()).isEqualTo("i hope things get better, [SCHOOL] is fine");
    }

    @Test
    void replacesEveryIdentifierWithItsTagAndKeepsTheRest() {
        ScrubResult result = SCRUBBER.scrub("text me on 07700 900123 or mail sam.jones@example.com, I want to be a vet");
        assertThat(result.scrubbed()).isEqualTo("text me on [PHONE] or mail [EMAIL], I want to be a vet");
        assertThat(result.entities()).extracting(DetectedEntity::type).containsExactly(EntityType.PHONE, EntityType.EMAIL);
    }

    @Test
    void emptyAndNullTextsScrubToEmpty() {
        assertThat(SCRUBBER.scrub("").scrubbed()).isEmpty();
        assertThat(SCRUBBER.scrub(null).scrubbed()).isEmpty();
    }
}
