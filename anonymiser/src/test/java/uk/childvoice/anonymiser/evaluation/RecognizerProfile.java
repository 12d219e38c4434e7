package uk.childvoice.anonymiser.evaluation;

import java.util.ArrayList;
import java.util.List;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.recognizer.*;

/** Time per recognizer, to find the slow layer. Developer tool, not part of the eval profile. */
public final class RecognizerProfile {
    public static void main(String[] args) {
        Lexicon lx = Lexicon.load();
        List<String> texts = new ArrayList<>();
        GoldExample.readJsonl("eval/child-style/child-style.jsonl").forEach(g -> texts.add(g.text()));
        GoldExample.readJsonl("eval/presidio-research/synth_dataset_v2.jsonl").forEach(g -> texts.add(g.text()));
        List<Recognizer> rs = List.of(new EmailRecognizer(), new UrlRecognizer(), new SocialHandleRecognizer(lx),
                new PhoneRecognizer(), new IdNumberRecognizer(), new PostcodeRecognizer(), new DateOfBirthRecognizer(),
                new PlaceRecognizer(lx), new OwnSchoolRecognizer(lx), new SchoolRecognizer(lx), new NameRecognizer(lx));
        SafeguardingDetector sd = SafeguardingDetector.load();
        for (int round = 0; round < 3; round++) {
            for (Recognizer r : rs) {
                long t = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                List<DetectedEntity> out = new ArrayList<>();
                for (String s : texts) {
                    r.recognize(new TextView(s, List.of()), out);
                }
                System.out.printf("%s %.1f us/text%n", r.getClass().getSimpleName(), (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t) / 1e3 / texts.size());
            }
            long t = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (String s : texts) {
                sd.assess(s);
            }
            System.out.printf("safeguarding %.1f us/text%n", (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t) / 1e3 / texts.size());
        }
    }
}
