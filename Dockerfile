# Gantry's image, from the jar the Maven build makes (`./mvnw package`, which also builds the front end):
#   ./mvnw package -DskipTests
#   docker build -t registry.example.internal/gantry:0.1.0 .
# (docs/operations.md, "Kubernetes", says how to build it where no container engine runs.)
FROM eclipse-temurin:25-jre AS layers
WORKDIR /layers
COPY target/gantry-*.jar gantry.jar
# Spring Boot's layers (dependencies, loader, snapshot dependencies, the application): a new release changes only
# the last layer, so a node that ran the previous one pulls little.
RUN java -Djarmode=tools -jar gantry.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
# A fixed unprivileged account (the Deployment's runAsUser), owning nothing in the image.
RUN groupadd --system --gid 10001 gantry \
    && useradd --system --uid 10001 --gid gantry --home-dir /var/lib/gantry --no-create-home gantry \
    && mkdir -p /var/lib/gantry && chown gantry:gantry /var/lib/gantry && chmod 700 /var/lib/gantry
WORKDIR /opt/gantry
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
ENV GANTRY_DATA_DIR=/var/lib/gantry/data
EXPOSE 8080
# The container's memory limit sizes the heap; the rest is for metaspace, threads and the direct buffers.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
