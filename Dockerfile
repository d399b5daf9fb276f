# The explorer and the edukg command, for docker-compose.yml (the graph lives in Neo4j there).
# The image installs the wheel, as `pip install edukg` would: no checkout, no editable install.
FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-deps --no-cache-dir -w /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home edukg && mkdir /data && chown edukg /data
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels
# The demo corpus, ingested on first start.
COPY examples/corpus /srv/examples/corpus

USER edukg
WORKDIR /home/edukg
EXPOSE 8501
# Ingest the demo corpus (files already in the graph are skipped), then serve the explorer.
CMD ["sh", "-c", "edukg ingest /srv/examples/corpus; exec edukg app --host 0.0.0.0"]
