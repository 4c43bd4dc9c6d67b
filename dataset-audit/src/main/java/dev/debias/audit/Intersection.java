package dev.debias.audit;

import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.GroupValueMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An intersection of two or more axes, audited as an axis whose groups are its <em>cells</em>: the
 * intersection {@code gender+race} has a cell {@code female+black} for every pair of a gender group and
 * a race group. A unit is in a cell when it is in each of the cell's component groups, so the cell's
 * numbers come from exactly the statistics of a single axis (comparison: units in another cell but not
 * this one; no-term: units in no cell).
 *
 * <p>A component is named one of two ways:
 * <ul>
 *   <li>{@code AXIS}, an audited axis: lexicon detection, a unit is in the group when it holds one of the
 *       group's terms;
 *   <li>{@code field:FIELD} or {@code field:FIELD=AXIS}, a group field of the index: a unit is in the group
 *       when its document's field value stands for it. With an audited axis (named after {@code =}, or
 *       else the one named like the field, if any) the groups are the axis' groups and a value stands
 *       for a group by the audit's {@link GroupValueMap} ({@code African-American} for {@code black} when
 *       mapped, else by name: {@code F}, {@code Female} for {@code female}); without one
 *       the groups are the field's distinct values as written.
 * </ul>
 *
 * @param name the components joined by {@code +}, e.g. {@code gender+race}
 * @param components the components as named
 * @param groups the cell names: the component groups joined by {@code +}, the first component outermost
 * @param parts per cell, the group of each component
 * @param features per cell, an {@link Feature.AllOf} of its component groups' features
 */
public record Intersection(String name, List<String> components, List<String> groups, List<List<String>> parts,
        List<Feature> features) {
    /** The prefix of a component read from a group field. */
    public static final String FIELD = "field:";

    public Intersection {
        components = List.copyOf(components);
        groups = List.copyOf(groups);
        parts = parts.stream().map(List::copyOf).toList();
        features = List.copyOf(features);
    }

    /** One resolved component: its groups and their features. */
    private record Component(List<String> groups, List<Feature> features) {}

    /**
     * Checks that {@code components} name at least two distinct components, each an audited axis or a
     * group field of the index.
     *
     * @throws InvalidInputException naming the intersection setting and the component that is wrong
     */
    static void validate(List<String> components, List<Axis> axes, List<String> groupFields) {
        List<String> names = axes.stream().map(Axis::name).toList();
        if (components.size() < 2) {
            throw new InvalidInputException(Setting.INTERSECTION + " takes two or more axes, e.g. gender,race; got "
                    + components);
        }
        Set<String> seen = new HashSet<>();
        for (String c : components) {
            if (!seen.add(c)) {
                throw new InvalidInputException(Setting.INTERSECTION + " " + components + " names '" + c + "' twice");
            }
            if (!c.startsWith(FIELD)) {
                if (!names.contains(c)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "%s %s names '%s', which is not an "
                            + "audited axis: the axes are %s (add one with %s), or name a group field as %sNAME",
                            Setting.INTERSECTION, components, c, names, Setting.AXIS, FIELD));
                }
                continue;
            }
            String[] fieldAxis = c.substring(FIELD.length()).split("=", 2);
            if (!groupFields.contains(fieldAxis[0])) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s %s names '%s', but '%s' is not a "
                        + "group field of the index: its group fields are %s (add one with %s)", Setting.INTERSECTION,
                        components, c, fieldAxis[0], groupFields, Setting.GROUP_FIELD));
            }
            if (fieldAxis.length == 2 && !names.contains(fieldAxis[1])) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s %s names '%s', but '%s' is not an "
                        + "audited axis: the axes are %s", Setting.INTERSECTION, components, c, fieldAxis[1], names));
            }
        }
    }

    /**
     * The intersection of {@code components} (already {@linkplain #validate validated}); field values
     * are read with {@code counter} and read as groups by {@code map}, and field values standing for no group are reported in
     * {@code warnings}.
     *
     * @throws InvalidInputException when a group field without an axis of its groups is empty on every record
     */
    static Intersection resolve(List<String> components, List<Axis> axes, IndexCounter counter, GroupValueMap map,
            List<String> warnings) throws IOException {
        String name = String.join("+", components);
        List<List<String>> parts = new ArrayList<>();
        List<List<Feature>> partFeatures = new ArrayList<>();
        parts.add(List.of());
        partFeatures.add(List.of());
        for (String c : components) {
            Component comp = component(name, c, axes, counter, map, warnings);
            List<List<String>> nextParts = new ArrayList<>();
            List<List<Feature>> nextFeatures = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                for (int g = 0; g < comp.groups().size(); g++) {
                    List<String> p = new ArrayList<>(parts.get(i));
                    p.add(comp.groups().get(g));
                    List<Feature> f = new ArrayList<>(partFeatures.get(i));
                    f.add(comp.features().get(g));
                    nextParts.add(p);
                    nextFeatures.add(f);
                }
            }
            parts = nextParts;
            partFeatures = nextFeatures;
        }
        List<String> groups = parts.stream().map(p -> String.join("+", p)).toList();
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            features.add(new Feature.AllOf(groups.get(i), partFeatures.get(i)));
        }
        return new Intersection(name, components, groups, parts, features);
    }

    private static Component component(String intersection, String c, List<Axis> axes, IndexCounter counter,
            GroupValueMap map, List<String> warnings) throws IOException {
        if (!c.startsWith(FIELD)) {
            Axis a = axis(axes, c);
            return new Component(a.groups(), a.features());
        }
        String[] fieldAxis = c.substring(FIELD.length()).split("=", 2);
        String field = fieldAxis[0];
        List<String> values = counter.values(field);
        Axis a = axis(axes, fieldAxis.length == 2 ? fieldAxis[1] : field);
        if (a == null) {
            if (values.isEmpty()) {
                throw new InvalidInputException(String.format(Locale.ROOT, "intersection %s: the group field '%s' "
                        + "is empty on every record, so the intersection has no cells", intersection, field));
            }
            return new Component(values, values.stream().<Feature>map(v -> Feature.FieldValue.attribute(field, v))
                    .toList());
        }
        List<Feature> features = new ArrayList<>();
        for (String g : a.groups()) {
            features.add(new Feature.AnyOf(g, values.stream().filter(v -> g.equals(map.groupOf(v, a.groups())))
                    .<Feature>map(v -> Feature.FieldValue.attribute(field, v)).toList()));
        }
        List<String> unmapped = values.stream().filter(v -> map.groupOf(v, a.groups()) == null).toList();
        if (!unmapped.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "intersection %s: values %s of the group field '%s' stand for no "
                    + "group of axis %s %s, so their documents are in no cell", intersection, unmapped, field, a.name(),
                    a.groups()));
        }
        return new Component(a.groups(), features);
    }

    private static Axis axis(List<Axis> axes, String name) {
        return axes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }
}
