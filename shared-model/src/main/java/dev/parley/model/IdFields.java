package dev.parley.model;

import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Checks the id fields of an action's record against {@link IdFormats}. Only the fields the
 * record declares are checked, so an unknown field stays ignored, whatever its name.
 * Server-side only (requests are read by the functions), so its record reflection, absent on
 * Android, is exempt from the SDK's Android API check.
 */
@IgnoreJRERequirement
final class IdFields {
    private IdFields() {
    }

    /** Why the first malformed id of the record is refused, naming its field; null when all are well-formed or absent. */
    static String firstMalformed(Object fields) {
        if (fields == null || !fields.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : fields.getClass().getRecordComponents()) {
            IdFormats.Format format = IdFormats.BY_FIELD.get(component.getName());
            if (format != null) {
                String refusal = check(component.getName(), value(component, fields), format);
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private static String check(String name, Object value, IdFormats.Format format) {
        // if/else rather than a pattern switch: shared-model compiles with --release 17 for the Java SDK.
        if (value instanceof String id) {
            if (!format.matches(id)) {
                return "Field \"" + name + "\" must be " + format.description() + ".";
            }
        } else if (value instanceof Collection<?> ids) {
            int i = 0;
            for (Object id : ids) {
                if (!(id instanceof String text) || !format.matches(text)) {
                    return "Field \"" + name + "[" + i + "]\" must be " + format.description() + ".";
                }
                i++;
            }
        } else if (value instanceof Map<?, ?> keyed) {
            for (Object id : keyed.keySet()) {
                if (!(id instanceof String text) || !format.matches(text)) {
                    return "Every key of \"" + name + "\" must be " + format.description() + ".";
                }
            }
        }
        return null;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("a public record's accessor is callable: " + component, e);
        }
    }
}
