package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Social media and gaming handles: any {@code @name}, and the word after a platform or "username"
 * ("add me on snap its lily_rose09", "my roblox is xXgamerXx") unless that word is ordinary English
 * ("i play roblox with my friends").
 */
public final class SocialHandleRecognizer implements Recognizer {
    private static final Pattern AT_HANDLE = Pattern.compile("(?<![\\w.@])@[a-z0-9_][a-z0-9_.]{1,29}");
    /** "@ jess_09": a handle typed (or tokenised) with a space after the @; the name must look like a handle. */
    private static final Pattern AT_SPACE_HANDLE = Pattern.compile("(?<![\\w.@])@ ([a-z_][a-z0-9_.]{1,29})");
    private static final Pattern AFTER_PLATFORM = Pattern.compile(
            "\\b(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\\s?tok|tt|twitter|discord|roblox|fortnite|xbox|psn|steam|twitch"
                    + "|youtube|yt|minecraft|gamer\\s?tag|user\\s?name|username|handle|account|acc|epic)\\b"
                    + "(?:\\s+(?:name|id|tag|user|username|is|its|it's|=|-|:|me|on|at|add|follow))*(?:\\s*[:=-]\\s*|\\s+)@?"
                    + "([a-z0-9_][a-z0-9_.]{2,29})");

    private static final String[] PLATFORM_WORDS = {
        "insta", "ig", "snap", "sc", "tik", "tt", "twitter", "discord", "roblox", "fortnite", "xbox", "psn", "steam",
        "twitch", "youtube", "yt", "minecraft", "tag", "user", "handle", "acc", "epic"};

    private final Lexicon lexicon;

    public SocialHandleRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        if (lower.indexOf('@') >= 0) {
            Matcher m = AT_HANDLE.matcher(lower);
            while (m.find()) {
                int end = m.end();
                while (lower.charAt(end - 1) == '.') {
                    end--;
                }
                out.add(new DetectedEntity(m.start(), end, EntityType.SOCIAL_HANDLE));
            }
            m = AT_SPACE_HANDLE.matcher(lower);
            while (m.find()) {
                int end = m.end();
                while (lower.charAt(end - 1) == '.') {
                    end--;
                }
                String handle = lower.substring(m.start(1), end);
                if (!handle.isEmpty() && !allDigits(handle) && looksLikeHandle(handle)) {
                    out.add(new DetectedEntity(m.start(), end, EntityType.SOCIAL_HANDLE));
                }
            }
        }
        if (!view.containsAny(PLATFORM_WORDS)) {
            return;
        }
        Matcher m = AFTER_PLATFORM.matcher(lower);
        while (m.find()) {
            String handle = m.group(1);
            if (handle.endsWith(".")) {
                handle = handle.substring(0, handle.length() - 1);
            }
            if (looksLikeHandle(handle)) {
                out.add(new DetectedEntity(m.start(1), m.start(1) + handle.length(), EntityType.SOCIAL_HANDLE));
            }
        }
    }

    private static boolean allDigits(String h) {
        for (int i = 0; i < h.length(); i++) {
            if (!Character.isDigit(h.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean looksLikeHandle(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (Character.isDigit(c) || c == '_' || c == '.') {
                return true;
            }
        }
        return !lexicon.isCommonWord(h) && !lexicon.isNotName(h) && !Lexicon.isFunctionWord(h);
    }
}
