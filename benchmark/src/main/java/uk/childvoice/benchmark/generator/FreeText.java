package uk.childvoice.benchmark.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Free-text answers that read like children's answers: mostly plain, some carrying identifiers the
 * anonymiser must scrub (a first name, a mobile number from Ofcom's drama range, an e-mail address
 * at example.com, the child's own school, a street address), a very few with a safeguarding
 * disclosure. All content is invented; no real person's details.
 */
final class FreeText {
    /** What kind of identifying content a text carries (for tests and for the generator's tally). */
    enum Kind { PLAIN, NAME, PHONE, EMAIL, SCHOOL, ADDRESS, SAFEGUARDING }

    record Text(String text, Kind kind) {
    }

    private static final List<String> FIRST_NAMES = List.of("Amelia", "Oliver", "Isla", "Muhammad", "Ava", "Noah",
            "Freya", "Leo", "Aisha", "Jack", "Maya", "Oscar", "Zara", "Harry", "Priya", "George", "Chloe", "Kai", "Ruby",
            "Tyler", "Grace", "Ibrahim", "Lily", "Jayden");
    private static final List<String> SURNAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Khan", "Williams",
            "Patel", "Wilson", "Evans", "Begum", "Walker", "Ahmed", "Robinson", "Okafor");
    private static final List<String> STREETS = List.of("Acacia Avenue", "Station Road", "Church Lane", "Park Road",
            "Victoria Street", "Mill Lane", "The Crescent", "Queens Road");

    private static final List<String> JOBS = List.of("I want to be a vet", "a footballer or a PE teacher",
            "I'd like to be a nurse like my mum", "scientist", "I want to work with computers and make games",
            "a doctor", "I don't know yet", "police officer", "I want to own my own business", "an artist",
            "a zookeeper", "an engineer building bridges", "youtuber", "a hairdresser", "a lawyer",
            "I want to be a teacher because I like helping people", "a builder like my grandad", "a pilot");
    private static final List<String> WORRIES = List.of("Not having enough money for university.",
            "Exams stress me out.", "There is nothing to do where I live.", "People judge you for how you look.",
            "My mental health gets in the way sometimes.", "Covid made me miss a lot of school.",
            "Not enough jobs around here.", "Bullying at school.", "Houses cost too much.",
            "I worry about climate change.", "Nobody listens to young people.");
    private static final List<String> IMPROVEMENTS = List.of("More youth clubs and places to go.",
            "More help with mental health at school.", "Cheaper buses.", "More parks and sports clubs.",
            "Catch-up lessons that are fun.", "Let us see our friends more.", "Better internet at home for schoolwork.",
            "Safer streets at night.", "More trips and activities in the holidays.", "Free school meals for everyone.");
    private static final List<String> ELSE = List.of("Thank you for asking us.", "Please listen to children.",
            "I love my family.", "Make sure everyone has a home.", "I hope things get better.",
            "Children should have a say in what happens.", "Nothing else.", "I like my school.");
    private static final List<String> DISCLOSURES = List.of("someone at home hurts me and I am scared to go home",
            "I feel like I want to hurt myself most days", "an older man keeps messaging me and told me not to tell anyone");

    private FreeText() {
    }

    /** A text for the question, at most {@code maxLength} characters. */
    static Text forQuestion(String questionId, int maxLength, String school, boolean shortAnswers, SplittableRandom r) {
        List<String> pool = switch (questionId) {
            case "futureJob" -> JOBS;
            case "barriersText" -> WORRIES;
            case "improveAfterCovid" -> IMPROVEMENTS;
            case "parentHopes" -> List.of("I hope they are happy and healthy.", "That they get a good education.",
                    "I want them to feel safe and loved.", "That they find something they enjoy doing.");
            default -> ELSE;
        };
        StringBuilder b = new StringBuilder(pick(pool, r));
        int extra = shortAnswers ? 0 : r.nextInt(3);
        for (int i = 0; i < extra; i++) {
            char last = b.charAt(b.length() - 1);
            b.append(last == '.' || last == '!' || last == '?' ? " " : ". ").append(pick(i % 2 == 0 ? WORRIES : IMPROVEMENTS, r));
        }
        Kind kind = Kind.PLAIN;
        double roll = r.nextDouble();
        if (roll < 0.004) {
            kind = Kind.SAFEGUARDING;
            b.append(". ").append(pick(DISCLOSURES, r));
        } else if (roll < 0.05) {
            kind = Kind.NAME;
            b.insert(0, "My name is " + pick(FIRST_NAMES, r) + ". ");
        } else if (roll < 0.08) {
            kind = Kind.PHONE;
            int n = r.nextInt(1000);
            b.append(" text me on 07700 900").append(n < 100 ? "0" : "").append(n < 10 ? "0" : "").append(n);
        } else if (roll < 0.10) {
            kind = Kind.EMAIL;
            b.append(" email me ").append(pick(FIRST_NAMES, r).toLowerCase()).append('.')
                    .append(pick(SURNAMES, r).toLowerCase()).append("@example.com");
        } else if (roll < 0.13 && school != null) {
            kind = Kind.SCHOOL;
            b.append(" At ").append(school).append(" the teachers are nice.");
        } else if (roll < 0.14) {
            kind = Kind.ADDRESS;
            b.append(" I live at ").append(1 + r.nextInt(120)).append(' ').append(pick(STREETS, r)).append('.');
        }
        String text = b.toString();
        if (text.codePointCount(0, text.length()) > maxLength) {
            text = text.substring(0, maxLength).strip();
        }
        return new Text(text, kind);
    }

    private static String pick(List<String> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }
}
