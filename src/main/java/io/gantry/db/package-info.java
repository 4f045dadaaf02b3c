/**
 * The jOOQ classes generated at build time from the Liquibase changelogs (target/generated-sources/jooq). Open to
 * every feature's repositories; each feature uses only the tables it owns (see docs/architecture.md).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.gantry.db;
