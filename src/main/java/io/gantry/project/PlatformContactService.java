package io.gantry.project;

import io.gantry.audit.OperationLog;
import io.gantry.shared.ContactFields;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How to reach the platform's administrators (AI-Stack 九): everyone signed in reads it, platform admins edit it. */
@Service
@PreAuthorize("isAuthenticated()")
public class PlatformContactService {

    private final ProjectRepository repository;
    private final OperationLog operationLog;

    PlatformContactService(ProjectRepository repository, OperationLog operationLog) {
        this.repository = repository;
        this.operationLog = operationLog;
    }

    @Transactional(readOnly = true)
    public Contact contact() {
        return repository.contact();
    }

    @Transactional
    @RolesAllowed(Permission.Names.PROJECTS_MANAGE)
    public void saveContact(Contact contact) {
        InvalidInput.Collector problems = InvalidInput.collect();
        if (contact.name() != null && contact.name().length() > Contact.NAME_MAX) {
            problems.add("contactName", "field.too-long", Contact.NAME_MAX);
        }
        // Checked as stored: stripped, blank for none.
        problems.check("contactEmail", ContactFields.emailProblem(blankToNull(contact.email())))
                .check("contactPhone", ContactFields.phoneProblem(blankToNull(contact.phone())));
        if (contact.note() != null && contact.note().length() > Contact.NOTE_MAX) {
            problems.add("contactNote", "field.too-long", Contact.NOTE_MAX);
        }
        problems.throwIfAny();
        repository.saveContact(new Contact(blankToNull(contact.name()), blankToNull(contact.email()),
                blankToNull(contact.phone()), blankToNull(contact.note())));
        operationLog.record("contact.update", "contact", null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
