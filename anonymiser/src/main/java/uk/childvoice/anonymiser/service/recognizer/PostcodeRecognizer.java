package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/** Full UK postcodes in any case and spacing ("B15 2TT", "b152tt"); outward codes alone are too coarse to matter. */
public final class PostcodeRecognizer implements Recognizer {
    private static final Pattern POSTCODE = Pattern.compile(
            "(?<![a-z0-9])(?:[a-pr-uwyz][a-hk-y]?[0-9][0-9a-z]?|gir)\\s?[0-9][abd-hjlnp-uw-z]{2}(?![a-z0-9])");

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        if (view.digits() == 0) {
            return;
        }
        Matcher m = POSTCODE.matcher(view.lower());
        while (m.find()) {
            out.add(new DetectedEntity(m.start(), m.end(), EntityType.POSTCODE));
        }
    }
}
