package io.gantry.project.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import io.gantry.ListUrls;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.cluster.ClusterService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserRef;
import io.gantry.project.Contact;
import io.gantry.project.CurrentProjectService;
import io.gantry.project.ExtensionFilter;
import io.gantry.project.ExtensionRequest;
import io.gantry.project.ExtensionStatus;
import io.gantry.project.PlatformContactService;
import io.gantry.project.Project;
import io.gantry.project.ProjectExtensionService;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The project screens: overview cards, detail, the admin's form, extension decisions, contact. */
@OnH2
class ProjectViewsTest extends ViewTestSupport {

    @Autowired
    ProjectService projects;
    @Autowired
    PlatformContactService contacts;
    @Autowired
    CurrentProjectService currentProjects;
    @Autowired
    ProjectExtensionService extensions;
    @Autowired
    ClusterService cluster;

    /** The button of a row's operations, in the grid's last column. */
    <T> Button operation(String gridId, java.util.function.Predicate<T> row, String buttonId) {
        com.vaadin.flow.component.grid.Grid<T> grid = grid(gridId);
        int index = rows(grid).indexOf(rows(grid).stream().filter(row).findFirst().orElseThrow());
        return operations(grid, index).getChildren().filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getId().orElse("").equals(buttonId)).findFirst().orElseThrow();
    }

    long newProject(String member, ProjectRole role) {
        accounts.signInAsAdmin();
        long manager = accountAsAdmin(newAccount("boss", PresetRole.USER)).orElseThrow().id();
        long id = projects.create(new ProjectForm(uniqueName("vp"), "about", LocalDate.now(),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of()), Set.of(manager));
        if (member != null) {
            long userId = accountAsAdmin(member).orElseThrow().id();
            projects.addMembers(id, Set.of(userId), role);
        }
        return id;
    }

    @Nested
    class Overview {

        @Test
        void aMemberSeesACardForEachOfTheirProjectsOnly() {
            String member = newAccount("cards", PresetRole.USER);
            long mine = newProject(member, ProjectRole.MEMBER);
            long other = newProject(null, null);
            accounts.signInAs(member);
            navigate(ProjectsView.class);
            assertThat(find(com.vaadin.flow.component.html.Div.class).withId("project-" + mine).exists()).isTrue();
            assertThat(find(com.vaadin.flow.component.html.Div.class).withId("project-" + other).exists()).isFalse();
            assertThat(find(Button.class).withId("create-project").exists()).isFalse();
        }

        @Test
        void aCardCountsOneDeviceAndOneMemberInTheSingular() {
            String member = newAccount("single", PresetRole.USER);
            accounts.signInAsAdmin();
            long spec = cluster.specs().stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                    .orElseThrow().id();
            long id = projects.create(new ProjectForm(uniqueName("vp"), "about", LocalDate.now(),
                    LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of(new Quota(spec, 1, null))),
                    Set.of(accountAsAdmin(member).orElseThrow().id()));
            accounts.signInAs(member);

            navigate(ProjectsView.class);

            com.vaadin.flow.component.html.Div card = find(com.vaadin.flow.component.html.Div.class)
                    .withId("project-" + id).single();
            assertThat(card.getElement().getTextRecursively())
                    .contains("nvidia-a100-80g: 0 of 1 device in use", "1 member, 0 running")
                    .doesNotContain("devices", "members");
        }

        @Test
        void aMemberOfMoreProjectsThanAPageSeesThemAPageAtATime() {
            String member = newAccount("many", PresetRole.USER);
            accounts.signInAsAdmin();
            long memberId = accountAsAdmin(member).orElseThrow().id();
            List<Long> made = new java.util.ArrayList<>();
            for (int i = 0; i < ProjectsView.PAGE + 2; i++) {
                made.add(projects.create(new ProjectForm(uniqueName("pg"), null, LocalDate.now(),
                        LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of()), Set.of(memberId)));
            }
            try {
                accounts.signInAs(member);
                navigate(ProjectsView.class);
                com.vaadin.flow.component.html.Div cards = find(com.vaadin.flow.component.html.Div.class)
                        .withId("project-cards").single();
                assertThat(cards.getComponentCount()).isEqualTo(ProjectsView.PAGE);
                Button more = find(Button.class).withId("more-projects").single();
                assertThat(more.getText()).isEqualTo(t("project.cards.more", ProjectsView.PAGE, made.size()));

                test(more).click();

                assertThat(cards.getChildren().map(c -> c.getId().orElse("")).toList())
                        .containsExactlyInAnyOrderElementsOf(made.stream().map(id -> "project-" + id).toList());
                assertThat(more.isVisible()).isFalse();
            } finally {
                // Other tests go through every project; leave them as many as they were.
                accounts.signInAsAdmin();
                made.forEach(projects::delete);
            }
        }

        @Test
        void aUserInNoProjectIsToldToContactTheAdministrator() {
            accounts.signInAs(newAccount("alone", PresetRole.USER));
            navigate(ProjectsView.class);
            assertThat(find(Paragraph.class).withId("no-projects").single().getText())
                    .isEqualTo(t("project.empty.user"));
        }

        @Test
        void aMemberRequestsAnExtensionFromTheCard() {
            String member = newAccount("asks", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            accounts.signInAs(member);
            navigate(ProjectsView.class);
            click("extend-" + id);
            find(IntegerField.class).withId("extension-days").single().setValue(12);
            find(TextArea.class).withId("extension-reason").single().setValue("More epochs");
            click("extension-submit");
            assertThat(extensions.extensions(id)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(ExtensionStatus.PENDING));
        }
    }

    @Nested
    class Detail {

        @Test
        void anotherProjectCannotBeOpenedByUrl() {
            String member = newAccount("snoop", PresetRole.USER);
            long other = newProject(null, null);
            accounts.signInAs(member);
            assertNotFound(ProjectDetailView.class, other, "project");
        }

        @Test
        void anEmptyApprovalThresholdReadsAsNoApprovalNeededNotAsNoLimit() {
            long id = newProject(null, null);
            navigate(ProjectDetailView.class, id);
            assertThat(find(com.vaadin.flow.component.html.Span.class).withId("approval-threshold").single()
                    .getText()).isEqualTo(t("project.approval-threshold.none")).isNotEqualTo(t("project.no-limit"));
        }

        @Test
        void aManagerSeesMemberActionsAndAMemberDoesNot() {
            String manager = newAccount("lead", PresetRole.USER);
            String member = newAccount("plain", PresetRole.USER);
            long id = newProject(manager, ProjectRole.MANAGER);
            accounts.signInAsAdmin();
            projects.addMembers(id, Set.of(accountAsAdmin(member).orElseThrow().id()), ProjectRole.MEMBER);

            accounts.signInAs(member);
            navigate(ProjectDetailView.class, id);
            assertThat(find(Button.class).withId("add-members").exists()).isFalse();
            assertThat(find(Button.class).withId("delete-project").exists()).isFalse();

            accounts.signInAs(manager);
            navigate(ProjectDetailView.class, id);
            assertThat(find(Button.class).withId("add-members").single().isVisible()).isTrue();
            test(ProjectViewsTest.this.<io.gantry.project.Member>operation("members",
                    m -> m.username().equals(member), "role-" + member)).click();
            assertThat(projects.members(id)).filteredOn(m -> m.username().equals(member))
                    .singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(ProjectRole.MANAGER));
        }

        @Test
        void thePickerOffersOnlyThoseNotYetMembersAndSaysHowManyJoined() {
            String member = newAccount("already", PresetRole.USER);
            String first = newAccount("joiner", PresetRole.USER);
            String second = newAccount("joiner", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            String name = projects.overview(id).project().name();
            navigate(ProjectDetailView.class, id);

            click("add-members");
            MultiSelectComboBox<UserRef> choice = find(MultiSelectComboBox.class).withId("member-choice").single();
            test(choice).setFilter(member);
            assertThat(test(choice).getSuggestionItems()).isEmpty();
            test(choice).setFilter(first);
            List<UserRef> offered = new java.util.ArrayList<>(test(choice).getSuggestionItems());
            test(choice).setFilter(second);
            offered.addAll(test(choice).getSuggestionItems());
            assertThat(offered).extracting(UserRef::username).containsExactly(first, second);
            choice.setValue(Set.copyOf(offered));
            click("dialog-save");

            assertThat(notifications()).contains("2 members added to " + name + ".");
            assertThat(projects.members(id)).extracting(m -> m.username()).contains(member, first, second);
        }
    }

    @Nested
    class AdminForm {

        @Test
        void aQuotaBeyondWhatIsFreeToGrantIsRefusedOnItsFieldAndNothingIsSaved() {
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            String name = uniqueName("toobig");
            find(TextField.class).withId("name").single().setValue(name);
            find(IntegerField.class).withId("quota-nvidia-a100-80g").single().setValue(999);
            click("save-project");
            IntegerField quota = find(IntegerField.class).withId("quota-nvidia-a100-80g").single();
            assertThat(quota.isInvalid()).isTrue();
            assertThat(quota.getErrorMessage()).contains("999");
            assertThat(projects.visible()).extracting(o -> o.project().name()).doesNotContain(name);
        }

        @Test
        void anIdleReclaimBeyondThirtyDaysIsRefusedInTheBrowserInTheServicesWords() {
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            String name = uniqueName("idle");
            find(TextField.class).withId("name").single().setValue(name);
            IntegerField idle = find(IntegerField.class).withId("idleReclaimHours").single();
            assertThat(idle.getMin()).isEqualTo(1);
            assertThat(idle.getMax()).isEqualTo(ProjectLimits.MAX_IDLE_RECLAIM_HOURS);

            idle.setValue(999_999_999);
            click("save-project");

            assertThat(idle.isInvalid()).isTrue();
            assertThat(idle.getErrorMessage()).isEqualTo(t("field.limit-range", ProjectLimits.MAX_IDLE_RECLAIM_HOURS))
                    .isEqualTo("Enter a number from 1 to 720, or leave it empty for no limit.");
            assertThat(projects.visible()).extracting(o -> o.project().name()).doesNotContain(name);
        }

        @Test
        void anEndBeforeTheStartIsRefusedOnTheEndDate() {
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            find(TextField.class).withId("name").single().setValue(uniqueName("dates"));
            var end = find(com.vaadin.flow.component.datepicker.DatePicker.class).withId("end-date").single();
            end.setValue(LocalDate.now().minusDays(3));
            click("save-project");
            assertThat(end.isInvalid()).isTrue();
            assertThat(end.getErrorMessage()).isEqualTo(t("project.dates.order"));
        }

        @Test
        void theApprovalThresholdPromisesNoApprovalWhileNoneHappens() {
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            String help = find(IntegerField.class).withId("approvalThreshold").single().getHelperText();
            assertThat(help).isEqualTo(t("project.approval-threshold.help"))
                    .contains("not active yet").doesNotContain("wait for a project manager");
        }

        @Test
        void aProjectWithoutAManagerIsRefusedOnTheManagersFieldAndNothingIsSaved() {
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            MultiSelectComboBox<UserRef> managers = find(MultiSelectComboBox.class).withId("managers").single();
            assertThat(managers.isRequired()).isTrue();
            String name = uniqueName("headless");
            find(TextField.class).withId("name").single().setValue(name);
            click("save-project");
            assertThat(managers.isInvalid()).isTrue();
            assertThat(managers.getErrorMessage()).isEqualTo(t("project.managers.required"));
            assertThat(projects.visible()).extracting(o -> o.project().name()).doesNotContain(name);
        }

        @Test
        void createsAProjectWithAQuota() {
            String lead = newAccount("lead", PresetRole.USER);
            accounts.signInAsAdmin();
            navigate(ProjectFormView.class);
            String name = uniqueName("made");
            find(TextField.class).withId("name").single().setValue(name);
            MultiSelectComboBox<UserRef> managers = find(MultiSelectComboBox.class).withId("managers").single();
            test(managers).setFilter(lead);
            managers.setValue(Set.copyOf(test(managers).getSuggestionItems()));
            find(IntegerField.class).withId("quota-huawei-ascend910").single().setValue(1);
            click("save-project");
            Project made = projects.visible().stream().map(o -> o.project()).filter(p -> p.name().equals(name))
                    .findFirst().orElseThrow();
            long ascend = cluster.specs().stream().filter(s -> s.name().equals("huawei-ascend910")).findFirst()
                    .orElseThrow().id();
            assertThat(projects.quotas(made.id())).extracting(q -> q.specId() + ":" + q.devices())
                    .containsExactly(ascend + ":1");
            assertThat(projects.members(made.id())).extracting(m -> m.username(), m -> m.role())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(lead, ProjectRole.MANAGER));
        }

        @Test
        void anOrdinaryUserCannotOpenTheForm() {
            accounts.signInAs(newAccount("nosy", PresetRole.USER));
            assertThatThrownBy(() -> navigate(ProjectFormView.class)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Extensions {

        @Test
        void anAdminApprovesAPendingRequest() {
            String member = newAccount("ext", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            accounts.signInAs(member);
            long request = extensions.requestExtension(id, 7, "Need a week");
            accounts.signInAsAdmin();
            LocalDate end = projects.overview(id).project().endDate();
            navigate(ExtensionsView.class);
            test(ProjectViewsTest.this.<io.gantry.project.ExtensionRequest>operation("pending-extensions", r -> r.id() == request,
                    "approve-" + request)).click();
            click("decision-confirm");
            assertThat(projects.overview(id).project().endDate()).isEqualTo(end.plusDays(7));
        }

        @Test
        void aRejectionWithoutAMessageShowsTheRuleOnTheMessage() {
            String member = newAccount("rej", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            accounts.signInAs(member);
            long request = extensions.requestExtension(id, 7, "Need a week");
            accounts.signInAsAdmin();
            navigate(ExtensionsView.class);
            test(ProjectViewsTest.this.<io.gantry.project.ExtensionRequest>operation("pending-extensions", r -> r.id() == request,
                    "reject-" + request)).click();
            click("decision-confirm");
            TextArea message = find(TextArea.class).withId("decision-message").single();
            assertThat(message.isInvalid()).isTrue();
            assertThat(message.getErrorMessage()).isEqualTo(t("extension.reject.message-required"));
            assertThat(extensions.extensions(id).getFirst().status()).isEqualTo(ExtensionStatus.PENDING);
        }

        @Test
        void aDecidedRequestStaysInTheHistoryWithWhoAndWhenAndTheFilterIsInTheAddress() {
            String member = newAccount("hist", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            accounts.signInAs(member);
            long request = extensions.requestExtension(id, 4, "Four more days");
            accounts.signInAsAdmin();
            extensions.decideExtension(request, false, "Budget is spent");

            navigate(ExtensionsView.class);
            assertThat(ProjectViewsTest.this.<ExtensionRequest>rows(grid("pending-extensions")))
                    .extracting(ExtensionRequest::id).doesNotContain(request);

            UI.getCurrent().navigate(ExtensionsView.class, QueryParameters.of(ExtensionsView.SHOW, "decided"));
            assertThat(getCurrentView()).isInstanceOf(ExtensionsView.class);
            RadioButtonGroup<ExtensionFilter> show = find(RadioButtonGroup.class).withId("extension-filter").single();
            assertThat(show.getValue()).isEqualTo(ExtensionFilter.DECIDED);
            Grid<ExtensionRequest> grid = grid("pending-extensions");
            int row = rows(grid).stream().map(ExtensionRequest::id).toList().indexOf(request);
            assertThat(row).isNotNegative();
            assertThat(column(grid, t("extension.status")).get(row)).isEqualTo(t("extension.status.rejected"));
            assertThat(column(grid, t("extension.decided-by")).get(row)).isEqualTo(TestAccounts.ADMIN);
            assertThat(column(grid, t("extension.decided-at")).get(row)).isNotEqualTo("-");
            assertThat(column(grid, t("extension.decision")).get(row)).isEqualTo("Budget is spent");
            assertThat(grid.getColumnByKey("operations").isVisible()).isFalse();

            test(show).selectItem(t("extension.show.pending"));
            // Waiting requests are what the page shows by default: the address leaves the filter out.
            assertThat(ListUrls.lastReplacedParameters("admin/extensions")).isEmpty();
            assertThat(ProjectViewsTest.this.<ExtensionRequest>rows(grid("pending-extensions")))
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(ExtensionStatus.PENDING));
            assertThat(grid.getColumnByKey("decided-by").isVisible()).isFalse();
            assertThat(grid.getColumnByKey("operations").isVisible()).isTrue();
        }

        @Test
        void theSortIsInTheAddressAlongsideTheFilterAndTheColumnsResize() {
            String tag = uniqueName("srt");
            String member = newAccount("srtm", PresetRole.USER);
            long memberId = accountAsAdmin(member).orElseThrow().id();
            long manager = accountAsAdmin(newAccount("srtb", PresetRole.USER)).orElseThrow().id();
            Set<Long> requests = new java.util.HashSet<>();
            for (String suffix : List.of("b", "c", "a")) {
                accounts.signInAsAdmin();
                long id = projects.create(new ProjectForm(tag + suffix, "about", LocalDate.now(),
                        LocalDate.now().plusDays(30), ProjectLimits.NONE, List.of()), Set.of(manager));
                projects.addMembers(id, Set.of(memberId), ProjectRole.MEMBER);
                accounts.signInAs(member);
                requests.add(extensions.requestExtension(id, 3, "More days"));
            }
            accounts.signInAsAdmin();

            ListUrls.open(ExtensionsView.class, Map.of(ExtensionsView.SHOW, "all", "sort", "-project"));

            Grid<ExtensionRequest> grid = grid("pending-extensions");
            assertThat(mine(grid, requests)).containsExactly(tag + "c", tag + "b", tag + "a");
            test(grid).sortByColumn(headers(grid).indexOf(t("project.name")), SortDirection.ASCENDING);
            assertThat(mine(grid, requests)).containsExactly(tag + "a", tag + "b", tag + "c");
            assertThat(ListUrls.lastReplacedParameters("admin/extensions"))
                    .isEqualTo(Map.of(ExtensionsView.SHOW, "all", "sort", "project"));
            assertThat(grid.getColumns()).allMatch(Grid.Column::isResizable);
            ExtensionRequest first = ProjectViewsTest.this.rows(grid).getFirst();
            assertThat(grid.getColumnByKey("reason").getTooltipGenerator().apply(first)).isEqualTo(first.reason());
        }

        /** The project names of the given requests, in the order the page lists them. */
        private List<String> mine(Grid<ExtensionRequest> grid, Set<Long> requests) {
            return ProjectViewsTest.this.rows(grid).stream().filter(r -> requests.contains(r.id()))
                    .map(ExtensionRequest::projectName).toList();
        }
    }

    @Nested
    class ContactAndSettings {

        @Test
        void anAdminEditsTheContactDetailsEveryoneSees() {
            accounts.signInAsAdmin();
            navigate(ContactView.class);
            find(TextField.class).withId("contact-name").single().setValue("Ops desk");
            find(com.vaadin.flow.component.textfield.EmailField.class).withId("contact-email").single()
                    .setValue("ops@example.com");
            click("save-contact");
            assertThat(contacts.contact()).isEqualTo(new Contact("Ops desk", "ops@example.com",
                    contacts.contact().phone(), contacts.contact().note()));

            accounts.signInAs(newAccount("reader", PresetRole.USER));
            navigate(ContactView.class);
            assertThat(find(Button.class).withId("save-contact").exists()).isFalse();
        }

        @Test
        void settingsOfferTheDefaultProjectAmongTheUsersProjects() {
            String member = newAccount("deflt", PresetRole.USER);
            long id = newProject(member, ProjectRole.MEMBER);
            accounts.signInAs(member);
            navigate(io.gantry.identity.ui.SettingsView.class);
            @SuppressWarnings("unchecked")
            Select<Project> choice = find(Select.class).withId("default-project").single();
            choice.setValue(choice.getListDataView().getItems().filter(p -> p.id() == id).findFirst().orElseThrow());
            click("save-default-project");
            assertThat(currentProjects.defaultProject()).contains(id);
        }
    }
}
