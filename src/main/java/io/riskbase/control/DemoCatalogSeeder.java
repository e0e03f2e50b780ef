package io.riskbase.control;

import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.FrameworkViews.RequirementView;
import io.riskbase.identity.DemoDataSeeder.DemoOrganizationCreated;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Gives the demo organization the NIST CSF 2.0 functions and categories, a small controls library mapped to part of it
 * (so coverage shows covered, partial and uncovered branches), a few assets, and links to its first risks. Runs after
 * the risks are seeded (a later observer priority), in the same transaction.
 */
@ApplicationScoped
public class DemoCatalogSeeder {

    /** The shipped example framework (a US government work; its source is named in the document). */
    public static final String NIST_CSF = "/frameworks/nist-csf-2.0.json";

    private static final Logger LOG = Logger.getLogger(DemoCatalogSeeder.class.getName());

    @Inject
    CatalogRepository catalog;

    @Inject
    FrameworkRepository frameworks;

    @Inject
    FrameworkService frameworkService;

    /** code, name, type, status, effectiveness, requirement codes. */
    private record Seed(
            String code, String name, Control.Type type, Control.Status status, Integer eff, List<String> req) {}

    private static final List<Seed> CONTROLS = List.of(
            new Seed(
                    "AC-1",
                    "Single sign-on with MFA",
                    Control.Type.PREVENTIVE,
                    Control.Status.IMPLEMENTED,
                    4,
                    List.of("PR.AA")),
            new Seed(
                    "AT-1",
                    "Security awareness training",
                    Control.Type.PREVENTIVE,
                    Control.Status.IMPLEMENTED,
                    3,
                    List.of("PR.AT")),
            new Seed(
                    "BK-1",
                    "Encrypted off-site backups",
                    Control.Type.CORRECTIVE,
                    Control.Status.IMPLEMENTED,
                    4,
                    List.of("PR.DS", "RC.RP")),
            new Seed(
                    "LOG-1",
                    "Central log monitoring",
                    Control.Type.DETECTIVE,
                    Control.Status.IMPLEMENTING,
                    2,
                    List.of("DE.CM", "DE.AE")),
            new Seed(
                    "IR-1",
                    "Incident response plan",
                    Control.Type.CORRECTIVE,
                    Control.Status.PLANNED,
                    null,
                    List.of("RS.MA", "RS.CO")),
            new Seed(
                    "AM-1",
                    "Asset inventory",
                    Control.Type.PREVENTIVE,
                    Control.Status.IMPLEMENTED,
                    3,
                    List.of("ID.AM")),
            new Seed(
                    "VM-1",
                    "Vulnerability scanning",
                    Control.Type.DETECTIVE,
                    Control.Status.IMPLEMENTED,
                    3,
                    List.of("ID.RA", "PR.PS")));

    void seed(@Observes @Priority(2600) DemoOrganizationCreated demo) {
        long org = demo.orgId();
        FrameworkDocument doc;
        try (InputStream in = DemoCatalogSeeder.class.getResourceAsStream(NIST_CSF);
                JsonReader reader = Json.createReader(in)) {
            doc = FrameworkDocument.parse(reader.readValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long frameworkId = frameworkService
                .importDocument(org, demo.adminId(), doc)
                .framework()
                .id();
        Map<String, Long> requirementIds = frameworks.requirements(org, frameworkId).stream()
                .collect(Collectors.toMap(RequirementView::code, RequirementView::id, (a, b) -> a));
        Map<Long, FrameworkViews.RequirementRef> refs = requirementIds.values().stream()
                .map(id -> frameworks.findRequirement(org, id).orElseThrow())
                .collect(Collectors.toMap(FrameworkViews.RequirementRef::id, Function.identity()));
        List<Long> risks = catalog.firstRisks(org, 12);
        OffsetDateTime now = CatalogTime.now();
        int n = 0;
        for (Seed s : CONTROLS) {
            Control control = new Control(org, now);
            control.apply(
                    new Control.Content(
                            s.code(),
                            s.name(),
                            null,
                            s.type(),
                            s.status(),
                            demo.analystId(),
                            s.eff(),
                            LocalDate.now().plusMonths(6)),
                    now);
            catalog.add(control);
            catalog.addHistory(
                    org,
                    Kind.CONTROL,
                    control.getId(),
                    "CREATED",
                    demo.adminId(),
                    now,
                    CatalogChanges.diff(
                            jakarta.json.JsonValue.EMPTY_JSON_OBJECT, CatalogChanges.snapshot(control.content())));
            for (String code : s.req()) {
                frameworks.map(org, control.getId(), refs.get(requirementIds.get(code)), demo.adminId(), now);
            }
            if (!risks.isEmpty()) {
                catalog.link(Kind.CONTROL, org, risks.get(n++ % risks.size()), control.getId(), demo.adminId(), now);
            }
        }
        String[][] assets = {
            {"Customer database", "data", "5"}, {"Public website", "application", "3"},
            {"Cloud tenancy", "infrastructure", "4"}, {"Payroll provider", "vendor", "3"}
        };
        for (String[] a : assets) {
            Asset asset = new Asset(org, now);
            asset.apply(new Asset.Content(a[0], a[1], Integer.parseInt(a[2]), demo.adminId(), null, List.of()), now);
            catalog.add(asset);
            catalog.addHistory(
                    org,
                    Kind.ASSET,
                    asset.getId(),
                    "CREATED",
                    demo.adminId(),
                    now,
                    CatalogChanges.diff(
                            jakarta.json.JsonValue.EMPTY_JSON_OBJECT, CatalogChanges.snapshot(asset.content())));
            if (!risks.isEmpty()) {
                catalog.link(Kind.ASSET, org, risks.get(n++ % risks.size()), asset.getId(), demo.adminId(), now);
            }
        }
        LOG.info(() -> "Demo organization: NIST CSF 2.0, " + CONTROLS.size() + " controls and " + assets.length
                + " assets added");
    }
}
