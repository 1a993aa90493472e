# Quanta memoria occupano pesi, gradienti e stato di Adam e di Adafactor: contata sui tensori.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)  # float32: 4 byte per numero


def byte(tensori):
    return sum(t.numel() * t.element_size() for t in tensori)


n = sum(p.numel() for p in model.parameters())
ingresso = tokenizer(["Recensione: Cibo ottimo.\nSentiment:"], return_tensors="pt")
etichette = tokenizer(["positivo"], return_tensors="pt").input_ids
ottimizzatore = torch.optim.Adam(model.parameters(), lr=1e-5)
model(**ingresso, labels=etichette).loss.backward()
ottimizzatore.step()  # Adam crea il suo stato al primo passo
stato = ottimizzatore.state.values()

misure = {
    "pesi": byte(model.parameters()),
    "gradienti": byte(p.grad for p in model.parameters()),
    "Adam: momenti": byte(s[k] for s in stato for k in ("exp_avg", "exp_avg_sq")),
    "Adam: contatori": byte(s["step"] for s in stato),  # un numero per tensore di pesi
}
print(f"parametri: {n:,}\n")
print(f"{'che cosa':<16}{'byte':>15}{'byte per parametro':>20}")
for nome, b in misure.items():
    print(f"{nome:<16}{b:>15,}{b / n:>20.4f}")
# Pesi e gradienti: 4 byte per parametro ciascuno; i due momenti di Adam: 8.
assert misure["pesi"] == misure["gradienti"] == 4 * n and misure["Adam: momenti"] == 8 * n

# Precisione mista (ZeRO, §3.1): pesi e gradienti a 2 byte, più una copia float32 dei pesi.
due = torch.empty(0, dtype=torch.bfloat16).element_size()
mista = [due * n, due * n, misure["pesi"], misure["Adam: momenti"]]
byte_fp32 = misure["pesi"] + misure["gradienti"] + misure["Adam: momenti"]
per_parametro_fp32, per_parametro_mista = byte_fp32 / n, sum(mista) / n
print(f"\nsenza contatori: float32 {per_parametro_fp32:.0f} byte per parametro, ", end="")
print(f"precisione mista (2 + 2 + 4 + 8) {per_parametro_mista:.0f}")
assert byte_fp32 == sum(mista) == 16 * n  # 4 + 4 + 8 e 2 + 2 + 4 + 8: lo stesso totale
mb_addestramento = byte_fp32 / 1e6

# Adafactor di PyTorch: niente primo momento, il secondo ridotto a medie per riga e per colonna.
adafactor = torch.optim.Adafactor(model.parameters(), lr=1e-3)
adafactor.step()  # usa i gradienti già calcolati e crea il suo stato
byte_adafactor = byte(t for s in adafactor.state.values() for k, t in s.items() if k != "step")
adafactor_per_parametro = byte_adafactor / n
print(f"Adafactor: stato {adafactor_per_parametro:.4f} byte per parametro (Adam: 8)")
assert adafactor_per_parametro < 0.5  # meno di mezzo byte, contro gli 8 dei momenti di Adam
