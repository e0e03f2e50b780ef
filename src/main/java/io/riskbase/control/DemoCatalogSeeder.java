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
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Gives the demo organization the NIST CSF 2.0 functions and categories and an SP 800-53 subset, a small controls
 * library mapped to part of each (so coverage shows covered, partial and uncovered branches), a few assets, and links
 * to its first risks. Runs after the risks are seeded (a later observer priority), in the same transaction.
 */
@ApplicationScoped
public class DemoCatalogSeeder {

    /** The shipped example frameworks (US government works; their source is named in each document). */
    public static final String NIST_CSF = "/frameworks/nist-csf-2.0.json";

    public static final String NIST_800_53 = "/frameworks/nist-sp-800-53r5-subset.json";

    /** Demo control code → the SP 800-53 requirements it is mapped to (some, so that coverage is partial there too). */
    private static final Map<String, List<String>> SP_800_53 = Map.of(
            "AC-1", List.of("IA-2", "IA-2(1)"),
            "AT-1", List.of("AT-2"),
            "BK-1", List.of("CP-9"),
            "LOG-1", List.of("AU-6", "SI-4"),
            "IR-1", List.of("IR-4", "IR-8"),
            "AM-1", List.of("CM-8"),
            "VM-1", List.of("RA-5"));

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

    static FrameworkDocument shipped(String resource) {
        try (InputStream in = DemoCatalogSeeder.class.getResourceAsStream(resource);
                JsonReader reader = Json.createReader(in)) {
            return FrameworkDocument.parse(reader.readValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a shipped framework; its requirements by code. */
    private Map<String, FrameworkViews.RequirementRef> importShipped(DemoOrganizationCreated demo, String resource) {
        long org = demo.orgId();
        long frameworkId = frameworkService
                .importDocument(org, demo.adminId(), shipped(resource))
                .framework()
                .id();
        return frameworks.requirements(org, frameworkId).stream()
                .collect(Collectors.toMap(
                        RequirementView::code,
                        r -> frameworks.findRequirement(org, r.id()).orElseThrow(),
                        (a, b) -> a));
    }

    void seed(@Observes @Priority(2600) DemoOrganizationCreated demo) {
        long org = demo.orgId();
        Map<String, FrameworkViews.RequirementRef> csf = importShipped(demo, NIST_CSF);
        Map<String, FrameworkViews.RequirementRef> sp80053 = importShipped(demo, NIST_800_53);
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
                frameworks.map(org, control.getId(), csf.get(code), demo.adminId(), now);
            }
            for (String code : SP_800_53.getOrDefault(s.code(), List.of())) {
                frameworks.map(org, control.getId(), sp80053.get(code), demo.adminId(), now);
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
        LOG.info(() -> "Demo organization: NIST CSF 2.0, an SP 800-53 subset, " + CONTROLS.size() + " controls and "
                + assets.length + " assets added");
    }
}
