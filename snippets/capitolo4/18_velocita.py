# Testi al secondo, uno alla volta o a batch da 8 e da 32: una misura, non un risultato fisso.
import csv
import os
import platform
import re
import time

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
N_TESTI = 64
N_TOKEN = 4  # ogni risposta è lunga esattamente 4 token: tutte le varianti fanno lo stesso lavoro


def info_cpu():
    """Il testo di /proc/cpuinfo (Linux), o una stringa vuota dove non c'è."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 dove è calcolato in hardware: GPU con capacità di calcolo 8.0 o più, CPU con AMX
# (flag amx_bf16); altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo
veloce_in_bf16 = (
    torch.cuda.is_bf16_supported(including_emulation=False)
    if device == "cuda"
    else "amx_bf16" in info_cpu().split()
)
dtype = torch.bfloat16 if veloce_in_bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


def classifica(testi, batch_size):
    """Le etichette dei testi, classificati a gruppi di batch_size: è ciò che misuriamo."""
    etichette = []
    for i in range(0, len(testi), batch_size):
        batch = [PROMPT.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            uscite = model.generate(
                **inputs, min_new_tokens=N_TOKEN, max_new_tokens=N_TOKEN, do_sample=False
            )
        etichette += map(normalizza, tokenizer.batch_decode(uscite, skip_special_tokens=True))
    return etichette


def nome_cpu():
    nome = re.search(r"^model name\s*:\s*(.+)$", info_cpu(), re.MULTILINE)
    return nome.group(1).strip() if nome else platform.processor() or "sconosciuta"


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
testi = [r["testo_it"] for r in righe][:N_TESTI]

classifica(testi[:8], 8)  # riscaldamento: la prima chiamata paga costi che non si ripetono
print(f"CPU: {nome_cpu()}")
print(f"thread di torch: {torch.get_num_threads()}   dispositivo: {device}   pesi: {dtype}")
if device == "cuda":
    print(f"GPU: {torch.cuda.get_device_name(0)}")
print(f"testi: {N_TESTI}   token generati per testo: {N_TOKEN}")
print()
print(f"{'modo':<16}{'secondi':>9}{'testi/s':>9}{'rispetto a 1':>14}{'stesse etichette':>18}")
rispetto_a_1 = {}
for batch_size in (1, 8, 32):
    inizio = time.perf_counter()
    etichette = classifica(testi, batch_size)
    secondi = time.perf_counter() - inizio
    if batch_size == 1:
        base, riferimento = N_TESTI / secondi, etichette
    uguali = sum(a == b for a, b in zip(etichette, riferimento))
    modo = "uno alla volta" if batch_size == 1 else f"batch da {batch_size}"
    velocita = N_TESTI / secondi
    rispetto_a_1[batch_size] = velocita / base
    print(
        f"{modo:<16}{secondi:>9.2f}{velocita:>9.1f}{velocita / base:>13.1f}x{uguali:>15}/{N_TESTI}"
    )

# I valori che la pagina cita (misurati: cambiano a ogni esecuzione)
testi_al_secondo_1 = base
volte_8, volte_32 = rispetto_a_1[8], rispetto_a_1[32]
