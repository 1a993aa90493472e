# LLM senza hype: i comandi del progetto. `make help` li elenca.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP  := $(VENV)/.installato
HOST   ?= 127.0.0.1
PORT   ?= 8000
# torch is installed on its own, without a hash: a CPU build, from this machine's wheel
# folder where there is one, else from the PyTorch CPU index (see README, «Ambiente»).
TORCH  := 2.13.0
TORCH_SOURCE ?= $(if $(wildcard /opt/wheels),--find-links /opt/wheels,--extra-index-url https://download.pytorch.org/whl/cpu)

export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: help install serve build publish test lint unit doctest site site-sotto-carico lock notebook bench clean

help: ## elenca i comandi, uno per riga
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# npm runs beside pip (one waits on the network while the other unpacks); the recipe
# fails if either does. pip byte-compiles what it installs (half of its two minutes
# here): kept, since with PYTHONDONTWRITEBYTECODE set, as on these machines, every
# process would otherwise compile torch's and transformers' modules again (8 s -> 17 s).
# --ignore-scripts: vnu-jar's install script would download a Java runtime (not needed).
$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	python3 -m venv $(VENV)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error & npm=$$!; \
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock \
	&& $(PY) -m pip install --quiet --no-deps $(TORCH_SOURCE) torch==$(TORCH) \
	&& $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .; \
	pip=$$?; wait $$npm && exit $$pip
	touch $@

install: $(STAMP) ## crea .venv e node_modules e installa ciò che serve al progetto

# --dirty: after the first full build, a save rebuilds only the pages that changed (and
# those whose snippets changed): about 1.5 s here instead of 3 (see README).
serve: $(STAMP) ## costruisce il sito ed esegue gli esempi, poi lo serve su http://127.0.0.1:8000/llm-senza-hype/
	$(MKDOCS) serve --strict --dirty -a $(HOST):$(PORT)

build: $(STAMP) ## costruisce il sito in site/ (esempi eseguiti, output dalla cache se invariati)
	$(MKDOCS) build --strict

publish: $(STAMP) ## build di pubblicazione: rifiuta il modello sostitutivo
	LLM_PUBBLICA=true $(MKDOCS) build --strict

lint: $(STAMP) ## controlla stile e import del codice (ruff)
	$(VENV)/bin/ruff check src tests snippets hooks
	$(VENV)/bin/ruff format --check src tests hooks

# -n 3 on two cores: most unit tests start a small build in a subprocess and wait for
# it, so with two workers the cores were busy 1.8 of 2 on average; a third fills them
# (here 201 s -> 161 s). The workers share one stand-in (tests/unit/conftest.py).
unit: $(STAMP) ## test del plugin che esegue gli esempi (anche quelli lenti)
	$(PY) -m pytest tests/unit tests/snippets -q -p no:cacheprovider -n 3 --durations=15

# -n 2 --dist loadfile: a page's blocks stay together in order on one worker (a value's
# check continues the block before it); the small GPT's training fills one core alone.
doctest: build ## riesegue ogni esempio come lo mostra il sito e confronta l'output
	$(PY) -m pytest --codeblocks build/doctest -q -p no:cacheprovider -n 2 --dist loadfile
	$(PY) -m pytest tests/doctest/test_doctest_tree.py -q -p no:cacheprovider

# -n 2: two browsers share the pages (one test per page), the checkers run beside them.
site: build ## il sito in Chromium (pagine, ricerca, axe), link, HTML valido, Lighthouse, budget
	$(PY) -m pytest tests/site -q -p no:cacheprovider -n 2 --durations=0

# One busy loop per core for as long as the site checks run; the trap stops them however
# the checks end. The checks must pass as on an idle machine (README, «make bench»).
site-sotto-carico: build ## i controlli del sito con ogni core occupato al 100%
	@hogs=(); for _ in $$(seq $$(nproc)); do python3 -c 'while True: pass' & hogs+=($$!); done; \
	trap 'kill $${hogs[*]} 2>/dev/null' EXIT; \
	echo "$${#hogs[@]} processi occupano la CPU"; \
	$(PY) -m pytest tests/site -q -p no:cacheprovider -n 2 --durations=0

test: lint unit doctest site ## tutti i controlli: stile, plugin, build, doc-test, sito

lock: ## ricalcola requirements.lock (versioni esatte con hash) da pyproject.toml
	test -x $(VENV)/bin/uv || { python3 -m venv $(VENV) && $(PY) -m pip install --quiet uv; }
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes \
	  --python-version 3.11.7 --python-platform x86_64-manylinux_2_28 \
	  $(TORCH_SOURCE) --index-strategy unsafe-best-match \
	  --no-emit-package torch --no-emit-package llm-senza-hype -o requirements.lock

notebook: $(STAMP) ## rigenera notebooks/progetto-sentiment.ipynb dagli snippet del capitolo 4
	$(PY) -m docexec.notebook .

# BENCH_RIGHE=lighthouse,calda measures only those rows (names in tests/bench/bench.py).
bench: $(STAMP) ## misura le build, l'inferenza e le prestazioni di Lighthouse (con la loro variabilità)
	$(PY) tests/bench/bench.py $(if $(BENCH_RIGHE),--righe $(BENCH_RIGHE))

clean: ## cancella sito, cache degli esempi, modello sostitutivo e doc-test
	rm -rf site build
