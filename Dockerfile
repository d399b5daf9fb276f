FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
EXPOSE 8501
# Ingest the demo corpus (unchanged files are skipped on later starts), then serve the explorer.
CMD ["sh", "-c", "edukg ingest examples/corpus; edukg app --host 0.0.0.0"]
