# The httpstatus server as a container image: a static binary on an empty
# base, run as a non-root user, no shell. Build and run:
#
#   podman build -t httpstatus .        (or docker build)
#   podman run --rm -p 8080:8080 httpstatus
#
# Settings are the serve flags' environment variables (see the README), e.g.
# -e HTTPSTATUS_BASE_URL=https://example.org/ -e HTTPSTATUS_MAX_SLEEP=5s.
# The health check is `httpstatus healthcheck` (GET /healthz on loopback);
# an orchestrator can probe GET /healthz on port 8080 itself.

ARG GO_IMAGE=docker.io/library/golang:1.26-bookworm

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags="-s -w -X github.com/httpstatus/httpstatus/internal/cli.Version=${VERSION}" \
      -o /out/httpstatus ./cmd/httpstatus \
 && mkdir -p /out/etc \
 && echo 'httpstatus:x:65532:65532:httpstatus:/nonexistent:/nonexistent' > /out/etc/passwd \
 && echo 'httpstatus:x:65532:' > /out/etc/group

FROM scratch
COPY --from=build /out/etc/passwd /out/etc/group /etc/
COPY --from=build /out/httpstatus /usr/local/bin/httpstatus
USER 65532:65532
ENV HTTPSTATUS_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/httpstatus", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/httpstatus"]
CMD ["serve"]
