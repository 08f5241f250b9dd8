# syntax=docker/dockerfile:1
# Multi-stage build of the touchpoints jar; one image runs every command (streams, gateway, simulate…).
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY serde serde
COPY core core
COPY platform platform
COPY producers producers
COPY streams streams
COPY ops ops
COPY app app
RUN mvn -B -ntp -q -Dmaven.test.skip=true -Dspotless.skip=true -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 touchpoints && mkdir -p /var/lib/touchpoints && chown touchpoints /var/lib/touchpoints
COPY --from=build /src/app/target/touchpoints.jar /opt/touchpoints/touchpoints.jar
USER touchpoints
WORKDIR /var/lib/touchpoints
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/touchpoints/touchpoints.jar"]
CMD ["--help"]
