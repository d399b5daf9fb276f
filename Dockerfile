# The explorer and the edukg command, for docker-compose.yml (the graph lives in Neo4j there).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home edukg && mkdir /data && chown edukg /data
WORKDIR /app
COPY . .
# Editable, because the code reads schema/, queries/ and sparql/ beside its packages.
RUN pip install -e .

USER edukg
EXPOSE 8501
# Ingest the demo corpus (files already in the graph are skipped), then serve the explorer.
CMD ["sh", "-c", "edukg ingest examples/corpus; exec edukg app --host 0.0.0.0"]
