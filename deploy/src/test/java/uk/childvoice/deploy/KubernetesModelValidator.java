package uk.childvoice.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

import io.kubernetes.client.openapi.JSON;

/**
 * Checks built-in Kubernetes objects against the official Kubernetes Java models (io.kubernetes:client-java-api):
 * unknown fields, missing required fields and wrong types are errors, and so is an API version that the
 * models' Kubernetes release no longer serves.
 */
public final class KubernetesModelValidator {

    /** The API groups Kubernetes itself serves; anything else is a custom resource. */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "certificates.k8s.io",
            "node.k8s.io", "resource.k8s.io", "flowcontrol.apiserver.k8s.io", "events.k8s.io", "storagemigration.k8s.io",
            "internal.apiserver.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "extensions");

    /** API versions Kubernetes has removed, with what replaces them (the Kubernetes deprecated API migration guide). */
    static final Map<String, String> REMOVED = Map.ofEntries(
            Map.entry("extensions/v1beta1", "removed in 1.16/1.22: use apps/v1 or networking.k8s.io/v1"),
            Map.entry("apps/v1beta1", "removed in 1.16: use apps/v1"),
            Map.entry("apps/v1beta2", "removed in 1.16: use apps/v1"),
            Map.entry("policy/v1beta1", "removed in 1.25: use policy/v1"),
            Map.entry("autoscaling/v2beta1", "removed in 1.25: use autoscaling/v2"),
            Map.entry("autoscaling/v2beta2", "removed in 1.26: use autoscaling/v2"),
            Map.entry("batch/v1beta1", "removed in 1.25: use batch/v1"),
            Map.entry("networking.k8s.io/v1beta1", "removed in 1.22: use networking.k8s.io/v1"),
            Map.entry("rbac.authorization.k8s.io/v1beta1", "removed in 1.22: use rbac.authorization.k8s.io/v1"),
            Map.entry("apiextensions.k8s.io/v1beta1", "removed in 1.22: use apiextensions.k8s.io/v1"),
            Map.entry("discovery.k8s.io/v1beta1", "removed in 1.25: use discovery.k8s.io/v1"),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2", "removed in 1.29: use flowcontrol.apiserver.k8s.io/v1"),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta3", "removed in 1.32: use flowcontrol.apiserver.k8s.io/v1"));

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final Gson PLAIN = new Gson();

    private KubernetesModelValidator() {
    }

    public static boolean isBuiltIn(K8sObject object) {
        return BUILT_IN_GROUPS.contains(object.group());
    }

    /** Every problem with one built-in object; empty when it matches the official model. */
    public static List<String> validate(K8sObject object) {
        List<String> problems = new ArrayList<>();
        String where = object.apiVersion() + " " + object;
        String removed = REMOVED.get(object.apiVersion());
        if (removed != null) {
            problems.add(where + ": apiVersion " + object.apiVersion() + " is " + removed);
            return problems;
        }
        Class<?> model = modelClass(object.group(), object.version(), object.kind());
        if (model == null) {
            problems.add(where + ": no Kubernetes model for " + object.apiVersion() + " " + object.kind()
                    + " (not served by this Kubernetes release, or misspelt)");
            return problems;
        }
        problems.addAll(validateAgainst(model, PLAIN.toJsonTree(object.raw()), where));
        return problems;
    }

    /** Validates one JSON value against a model class: fields, required fields, then types by deserialising. */
    static List<String> validateAgainst(Class<?> model, JsonElement json, String where) {
        List<String> problems = new ArrayList<>();
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (InvocationTargetException e) {
            problems.add(where + ": " + shorten(e.getCause()));
            return problems;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("model " + model + " has no validateJsonElement", e);
        }
        try {
            JSON.getGson().fromJson(json, model);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            problems.add(where + ": " + shorten(e));
        }
        return problems;
    }

    /** The model class for a group/version/kind, or null: V1Deployment for apps/v1 Deployment, V2HorizontalPodAutoscaler, ... */
    static Class<?> modelClass(String group, String version, String kind) {
        String prefix = Character.toUpperCase(version.charAt(0)) + version.substring(1);
        String simple = prefix + kind;
        if (kind.equals("Event")) {
            simple = (group.isEmpty() ? "Core" : "Events") + prefix + kind;
        }
        try {
            return Class.forName(MODELS + simple);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The model's messages end with the whole JSON of the offending object: keep the sentence, drop the dump. */
    private static String shorten(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int json = message.indexOf(" JSON: ");
        if (json > 0) {
            message = message.substring(0, json);
        }
        return message.length() > 400 ? message.substring(0, 400) + "..." : message;
    }
}
