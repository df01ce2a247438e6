# One image per Aloft service, from the jars `./mvnw -DskipTests package` built:
#   docker build --build-arg SERVICE=gateway-service -t aloft/gateway-service:dev .
# SERVICE is one of control-plane, gateway-service, invoker-service, event-router.
# The invoker's image also carries python3 and node, which run the python3.x and nodejs
# functions as processes inside the invoker's container.
FROM eclipse-temurin:25-jre

ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT

RUN if [ "$SERVICE" = "invoker-service" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends python3 nodejs curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
    && useradd --system --uid 10001 --home-dir /var/lib/aloft --create-home aloft

COPY ${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar /opt/aloft/service.jar

USER 10001
WORKDIR /var/lib/aloft
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/aloft/service.jar"]
