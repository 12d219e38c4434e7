package uk.childvoice.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rendered Kubernetes object, as the plain maps and lists YAML gives, with a few navigation helpers. */
public record K8sObject(Map<String, Object> raw) {

    public String apiVersion() {
        return String.valueOf(raw.get("apiVersion"));
    }

    public String kind() {
        return String.valueOf(raw.get("kind"));
    }

    /** The API group: "" for the core group ("v1"). */
    public String group() {
        String apiVersion = apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        String apiVersion = apiVersion();
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    public String name() {
        Object name = map(raw.get("metadata")).get("name");
        return name == null ? null : name.toString();
    }

    public boolean is(String kind, String name) {
        return kind().equals(kind) && name.equals(name());
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }

    /** The value at a path of map keys (and list indexes), or null when any step is missing. */
    public Object at(Object... path) {
        Object current = raw;
        for (Object step : path) {
            if (step instanceof Integer index && current instanceof List<?> list) {
                current = index < list.size() ? list.get(index) : null;
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** A deep copy, for tests that break a manifest on purpose. */
    public K8sObject copy() {
        return new K8sObject(map(deepCopy(raw)));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
