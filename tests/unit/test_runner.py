"""Running snippets in isolated processes: outputs, failures, limits, dead workers."""

import os
import time
from pathlib import Path

import pytest

from docexec.runner import (
    PRELOAD,
    Job,
    Limits,
    Runner,
    describe_failure,
    failing_line,
    trains,
)
from docexec.worker import imported_names

TIMEOUT = 120.0  # generous: the machine may be busy; tests of the limit set their own
# What the warm workers of these tests import before forking: the forking is under test,
# not torch's import (5 s a worker here). One test below checks the builds' default.
LIGHT = ["matplotlib.pyplot"]


def write(folder: Path, name: str, code: str) -> Job:
    path = folder / name
    path.write_text(code, encoding="utf-8")
    return Job(snippet=path, name=name, timeout=TIMEOUT, threads=1)


@pytest.fixture(params=["fork", "process"])
def runner(request, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "testo.txt").write_text("dal file di dati\n", encoding="utf-8")
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    with Runner(
        env, tmp_path / "scratch", data, jobs=2, mode=request.param, preload=LIGHT
    ) as runner:
        yield runner


def test_stdout_and_saved_figures_are_collected(runner, tmp_path):
    job = write(
        tmp_path,
        "figura.py",
        "import matplotlib.pyplot as plt\n"
        "print(open('data/testo.txt').read().strip())\n"
        "plt.plot([1, 2])\n"
        "plt.savefig('grafico.png')\n",
    )
    outcome = runner.run_one(job)
    assert outcome.ok, describe_failure(outcome)
    assert outcome.stdout == "dal file di dati\n"
    assert list(outcome.figures) == ["grafico.png"]
    assert outcome.figures["grafico.png"].startswith(b"\x89PNG")


def test_each_snippet_gets_a_fresh_folder_and_fresh_globals(runner, tmp_path):
    first = write(tmp_path, "a.py", "x = 1\nopen('lasciato.txt', 'w').write('x')\nprint('a')\n")
    second = write(
        tmp_path,
        "b.py",
        "import os\nprint('x' in globals(), sorted(os.listdir('.')))\n",
    )
    runner.run([first])
    assert runner.run_one(second).stdout == "False ['data']\n"


def test_a_failure_names_the_file_the_line_and_the_error(runner, tmp_path):
    job = write(tmp_path, "errore.py", "x = 1\ny = x / 0\n")
    outcome = runner.run_one(job)
    assert not outcome.ok
    message = describe_failure(outcome)
    assert "snippets/errore.py" in message
    assert "riga 2 (`y = x / 0`)" in message
    assert "ZeroDivisionError" in message
    # The traceback is the snippet's, as `python errore.py` would print it.
    assert "docexec" not in outcome.stderr and "runpy" not in outcome.stderr


def test_a_snippet_past_its_limit_is_stopped(runner, tmp_path):
    job = write(tmp_path, "lento.py", "import time\ntime.sleep(30)\n")
    outcome = runner.run_one(Job(job.snippet, job.name, timeout=1.0))
    assert outcome.timed_out
    assert outcome.duration < 10
    assert "ha superato il limite di 1 s" in describe_failure(outcome)


def test_a_snippet_killed_by_a_signal_fails_with_a_hint(runner, tmp_path):
    job = write(tmp_path, "ucciso.py", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    outcome = runner.run_one(job)
    assert not outcome.ok
    assert "SIGKILL (spesso: memoria esaurita)" in describe_failure(outcome)


def test_a_figure_in_an_unsupported_format_fails(runner, tmp_path):
    job = write(
        tmp_path,
        "pdf.py",
        "import matplotlib.pyplot as plt\nplt.plot([1])\nplt.savefig('f.pdf')\nprint('ok')\n",
    )
    outcome = runner.run_one(job)
    assert not outcome.ok
    assert "f.pdf" in describe_failure(outcome) and ".png" in describe_failure(outcome)


def test_jobs_come_back_in_order_and_exclusive_ones_run_last(runner, tmp_path):
    jobs = [write(tmp_path, f"s{i}.py", f"print({i})\n") for i in range(4)]
    jobs[1] = Job(jobs[1].snippet, jobs[1].name, timeout=TIMEOUT, exclusive=True)
    finished = [outcome.job.name for outcome in runner.each(jobs)]
    assert finished[-1] == "s1.py"
    assert [o.stdout for o in runner.run(jobs)] == ["0\n", "1\n", "2\n", "3\n"]


def test_each_outcome_comes_as_soon_as_its_job_finishes(runner, tmp_path):
    # The second snippet ends only once the test has seen the first one's outcome.
    signal = tmp_path / "via"
    first = write(tmp_path, "primo.py", "print('primo')\n")
    second = write(
        tmp_path,
        "secondo.py",
        f"import os, time\nwhile not os.path.exists({str(signal)!r}):\n    time.sleep(0.05)\n"
        "print('secondo')\n",
    )
    outcomes = runner.each([first, Job(second.snippet, second.name, timeout=TIMEOUT)])
    assert next(outcomes).stdout == "primo\n"
    signal.touch()
    assert next(outcomes).stdout == "secondo\n"
    assert next(outcomes, None) is None


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_caller_that_stops_early_stops_the_running_snippets(runner, tmp_path):
    pidfile = tmp_path / "pid"
    quick = write(tmp_path, "veloce.py", "print('fatto')\n")
    slow = write(
        tmp_path,
        "lento.py",
        f"import os, time\nopen({str(pidfile)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n",
    )
    outcomes = runner.each([quick, Job(slow.snippet, slow.name, timeout=600.0)])
    assert next(outcomes).stdout == "fatto\n"
    assert wait_for(lambda: pidfile.exists() and pidfile.read_text())
    pid = int(pidfile.read_text())
    assert alive(pid)
    outcomes.close()  # what Ctrl-C in the build does to it
    assert wait_for(lambda: not alive(pid)), "the 600 s snippet was left running"


def test_exclusive_jobs_run_with_a_single_warm_worker_left(tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="0")
    code = "import os, time\ntime.sleep(0.5)\nprint(os.getppid())\n"
    jobs = [write(tmp_path, f"s{i}.py", code) for i in range(3)]
    jobs[2] = Job(jobs[2].snippet, jobs[2].name, timeout=TIMEOUT, exclusive=True)
    with Runner(env, tmp_path / "scratch", None, jobs=2, mode="fork", preload=LIGHT) as runner:
        outcomes = runner.run(jobs)
        alive = [worker.proc.pid for worker in runner._all if worker.alive]
    parents = [int(o.stdout) for o in outcomes]
    assert len(set(parents[:2])) == 2, "the shared jobs ran in two workers"
    assert alive == [parents[2]], "only the worker that ran the exclusive job is left"


def test_a_dead_worker_fails_its_snippet_and_the_next_gets_a_fresh_one(tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="0")
    killer = write(
        tmp_path,
        "uccide.py",
        "import os, signal, time\nos.kill(os.getppid(), signal.SIGKILL)\ntime.sleep(5)\n",
    )
    after = write(tmp_path, "dopo.py", "print('vivo')\n")
    with Runner(env, tmp_path / "scratch", None, jobs=1, mode="fork", preload=LIGHT) as runner:
        dead, alive = runner.run([killer, after])
    assert not dead.ok
    assert "ha perso il suo processo di lavoro" in describe_failure(dead)
    assert alive.ok and alive.stdout == "vivo\n"


def test_a_worker_that_dies_at_start_says_why(tmp_path):
    job = write(tmp_path, "mai.py", "print('mai eseguito')\n")
    env = dict(os.environ, PYTHONHASHSEED="0")
    preload = [*LIGHT, "modulo_che_non_esiste"]
    with (
        Runner(env, tmp_path / "scratch", None, jobs=1, mode="fork", preload=preload) as runner,
        pytest.raises(RuntimeError) as raised,
    ):
        runner.run_one(job)
    message = str(raised.value)
    assert "non è partito" in message
    assert "ModuleNotFoundError: No module named 'modulo_che_non_esiste'" in message
    assert not list((tmp_path / "scratch").glob("worker-*")), "its stderr file is removed"


# Loaded first by a warm worker: it records every call into torch.cuda (the functions that
# can reach the driver: the public ones and _lazy_init; private helpers that only read how
# torch was built, such as _is_compiled, which transformers calls on import, are left out)
# and whether the worker or one of its children made it.
CUDA_SPY = """import functools, inspect, os
import torch.cuda

WORKER = os.getpid()


def recording(name, function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        who = "worker" if os.getpid() == WORKER else "child"
        with open(os.environ["CUDA_CALLS"], "a") as log:
            log.write(f"{who} {name}\\n")
        return function(*args, **kwargs)

    return call


for name, value in list(vars(torch.cuda).items()):
    if inspect.isfunction(value) and (not name.startswith("_") or name == "_lazy_init"):
        setattr(torch.cuda, name, recording(name, value))
"""


def test_a_warm_worker_imports_torch_but_leaves_cuda_to_the_snippets(tmp_path):
    # CUDA touched in a process that then forks is broken in every child: the worker, with
    # the builds' own preload, never calls into torch.cuda; a snippet may.
    (tmp_path / "spia_cuda.py").write_text(CUDA_SPY, encoding="utf-8")
    calls = tmp_path / "chiamate.txt"
    job = write(
        tmp_path,
        "gia.py",
        "import sys\nimport torch\n"
        "print(sorted({'torch', 'transformers'} & set(sys.modules)), torch.cuda.is_available())\n",
    )
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=path, CUDA_CALLS=str(calls))
    preload = ["spia_cuda", *PRELOAD]
    with Runner(env, tmp_path / "scratch", None, jobs=1, mode="fork", preload=preload) as runner:
        first, second = runner.run([job, job])
    assert first.stdout == "['torch', 'transformers'] False\n", describe_failure(first)
    assert second.ok, describe_failure(second)
    recorded = calls.read_text(encoding="utf-8").splitlines()
    assert [line for line in recorded if line.startswith("worker")] == []
    assert recorded.count("child is_available") == 2, recorded


def test_the_device_shown_is_the_one_each_snippet_used(runner, tmp_path):
    on_cpu = write(tmp_path, "cpu.py", "import torch\nprint(torch.ones(1).device)\n")
    # No GPU here: this snippet makes its own process look as if it had used CUDA.
    on_gpu = write(
        tmp_path,
        "gpu.py",
        "import torch\ntorch.cuda.is_initialized = lambda: True\nprint('cuda')\n",
    )
    no_torch = write(tmp_path, "niente.py", "print('niente torch')\n")
    after = write(tmp_path, "cpu_dopo.py", "import torch\nprint(torch.ones(1).device)\n")
    outcomes = runner.run([on_cpu, on_gpu, no_torch, after])
    assert all(outcome.ok for outcome in outcomes), [describe_failure(o) for o in outcomes]
    assert [outcome.device for outcome in outcomes] == ["cpu", "cuda", "cpu", "cpu"]


def test_the_failing_line_is_the_last_one_in_the_snippet():
    stderr = (
        'Traceback (most recent call last):\n  File "/x/s.py", line 4, in <module>\n'
        '  File "/lib/altro.py", line 9, in f\n  File "/x/s.py", line 7, in g\n'
    )
    assert failing_line(stderr, Path("/x/s.py")) == 7
    assert failing_line("niente", Path("/x/s.py")) is None


def test_a_snippet_that_calls_backward_trains():
    assert trains("perdita = model(**x).loss\nperdita.backward()\n")
    assert not trains("print(1)\n")


def test_two_serial_jobs_never_overlap_and_one_runs_beside_the_others(tmp_path):
    """Each snippet prints when it started and ended (one clock for every process)."""
    code = "import time\nt = time.monotonic()\ntime.sleep({})\nprint(t, time.monotonic())\n"
    first, second, other = (
        write(tmp_path, f"{name}.py", code.format(pause))
        for name, pause in [("a", 1.0), ("b", 1.0), ("c", 0.3)]
    )
    jobs = [Job(j.snippet, j.name, timeout=TIMEOUT, serial=True) for j in (first, second)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    with Runner(env, tmp_path / "scratch", None, jobs=2, mode="fork", preload=LIGHT) as runner:
        spans = {
            o.job.name: [float(x) for x in o.stdout.split()] for o in runner.each([*jobs, other])
        }
    (a_start, a_end), (b_start, b_end) = spans["a.py"], spans["b.py"]
    assert a_end <= b_start or b_end <= a_start, "two serial jobs ran at the same time"
    c_start, c_end = spans["c.py"]
    assert c_start < max(a_end, b_end) and c_end > min(a_start, b_start), (
        "the other job waited for the serial ones instead of running beside them"
    )


@pytest.fixture
def strict_runner(tmp_path):
    """A runner with small limits; the checks on what a run left are the same in both modes."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "testo.txt").write_text("dal file di dati\n", encoding="utf-8")
    limits = Limits(stdout_bytes=1000, figure_bytes=20_000)
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    with Runner(env, tmp_path / "scratch", data, mode="process", limits=limits) as runner:
        yield runner


def test_a_broken_figure_fails_naming_the_file_and_what_is_wrong(strict_runner, tmp_path):
    job = write(
        tmp_path,
        "figure_rotte.py",
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2])\n"
        "plt.savefig('intera.png')\n"
        "open('vuota.png', 'wb').close()\n"
        "data = open('intera.png', 'rb').read()\n"
        "open('troncata.png', 'wb').write(data[: len(data) // 2])\n"
        "open('disegno.svg', 'w').write('<svg><g>')\n"
        "print('salvate')\n",
    )
    outcome = strict_runner.run_one(job)
    assert not outcome.ok
    message = describe_failure(outcome)
    assert message.startswith("Lo snippet snippets/figure_rotte.py ha salvato la figura")
    assert "vuota.png, che è un file vuoto" in message
    assert "troncata.png, che è un'immagine PNG danneggiata o troncata" in message
    assert "disegno.svg, che non è un SVG leggibile" in message
    assert "intera.png" not in message


def test_output_and_figures_past_their_limits_fail_with_the_limit_named(strict_runner, tmp_path):
    job = write(
        tmp_path,
        "troppo.py",
        "import numpy as np\nimport matplotlib.pyplot as plt\n"
        "print('x' * 4_999_999)\n"
        "plt.imshow(np.random.default_rng(0).random((400, 400)))\n"
        "plt.savefig('rumore.png')\n",
    )
    outcome = strict_runner.run_one(job)
    assert not outcome.ok
    assert outcome.stdout == ""  # never read: only its size was looked at
    message = describe_failure(outcome)
    assert "ha stampato 4,8 MB su stdout, oltre il limite di 1000 byte (max_output_kb" in message
    assert "ha salvato la figura rumore.png di " in message
    assert "oltre il limite di 20 kB per figura (max_figure_kb in mkdocs.yml)" in message


def test_output_that_is_not_utf8_fails_saying_where(strict_runner, tmp_path):
    job = write(
        tmp_path,
        "latin1.py",
        "import sys\nsys.stdout.buffer.write('riga uno\\ncittà\\n'.encode('latin-1'))\n",
    )
    outcome = strict_runner.run_one(job)
    assert not outcome.ok
    assert "byte che non sono UTF-8 (b'\\xe0' alla riga 2 dell'output, byte 5)" in (
        describe_failure(outcome)
    )


def test_a_snippet_that_changes_the_data_fails_and_the_data_stay_as_they_were(
    strict_runner, tmp_path
):
    job = write(
        tmp_path,
        "scrive_dati.py",
        "open('data/testo.txt', 'a').write('aggiunta\\n')\n"
        "open('data/nuovo.csv', 'w').write('a,b\\n')\n"
        "print('scritto')\n",
    )
    outcome = strict_runner.run_one(job)
    assert not outcome.ok
    message = describe_failure(outcome)
    assert "snippets/scrive_dati.py ha modificato data/testo.txt, ha aggiunto data/nuovo.csv" in (
        message
    )
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["testo.txt"]
    assert (tmp_path / "data" / "testo.txt").read_text() == "dal file di dati\n"


def test_the_modules_a_snippet_imports_at_top_level_are_found_for_preloading():
    source = (
        "import os, torch.nn.functional as F\nfrom transformers import AutoTokenizer\n"
        "from . import locale\nif True:\n    import json\n"
    )
    assert imported_names(source) == ["os", "torch.nn.functional", "transformers:AutoTokenizer"]
    assert imported_names("import (\n") == []
