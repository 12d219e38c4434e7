package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Web addresses. A bare site name ("youtube.com", "bbc.co.uk") identifies nobody and is kept; a
 * scheme, "www." or a path after the domain (a channel, a profile) is removed.
 */
public final class UrlRecognizer implements Recognizer {
    private static final Pattern URL = Pattern.compile(
            "\\b(?:https?://|www\\.)[^\\s<>\"]+"
                    + "|(?<![@\\w.])[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:com|co\\.uk|org\\.uk|org|net|uk|io|tv|gg|me|ly|be|app|xyz|info)\\b(?:/[^\\s<>\"]*)?");
    private static final Set<String> WELL_KNOWN = Set.of(
            "youtube.com", "google.com", "bbc.co.uk", "roblox.com", "tiktok.com", "instagram.com", "snapchat.com",
            "facebook.com", "twitter.com", "x.com", "netflix.com", "amazon.co.uk", "amazon.com", "gov.uk", "nhs.uk",
            "childline.org.uk", "minecraft.net", "twitch.tv", "wikipedia.org", "discord.com", "discord.gg", "spotify.com");

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        if (!mayHoldAddress(lower)) {
            return;
        }
        Matcher m = URL.matcher(lower);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && ".,;:!?)'".indexOf(lower.charAt(end - 1)) >= 0) {
                end--;
            }
            String found = lower.substring(m.start(), end);
            boolean explicit = found.startsWith("http") || found.startsWith("www.") || found.indexOf('/') > 0;
            if (explicit || !WELL_KNOWN.contains(found)) {
                out.add(new DetectedEntity(m.start(), end, EntityType.URL));
            }
        }
    }

    /**
     * Whether the pattern can match at all, without running it: a scheme or "www." (and a dot), or a dot
     * followed by a letter, as every top-level domain above begins. Most answers have dots only where
     * sentences end, and scanning them with the pattern was about a tenth of the anonymiser's CPU in
     * the platform benchmark's profile.
     */
    static boolean mayHoldAddress(String lower) {
        int dot = lower.indexOf('.');
        if (dot < 0) {
            return false;
        }
        if (lower.contains("http") || lower.contains("www.")) {
            return true;
        }
        for (; dot >= 0 && dot + 1 < lower.length(); dot = lower.indexOf('.', dot + 1)) {
            char next = lower.charAt(dot + 1);
            if (next >= 'a' && next <= 'z') {
                return true;
            }
        }
        return false;
    }
}
