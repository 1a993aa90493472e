# Soluzione: warm-up come frazione dei passi e coseno nel Trainer, senza addestrare nulla.
import math
import tempfile

import torch
from transformers import Seq2SeqTrainingArguments, get_cosine_schedule_with_warmup, get_scheduler

PASSI = 90
with tempfile.TemporaryDirectory() as cartella:
    args = Seq2SeqTrainingArguments(
        output_dir=cartella, lr_scheduler_type="cosine", warmup_steps=0.1, report_to="none",
        use_cpu=True,
    )  # fmt: skip
warmup = args.get_warmup_steps(PASSI)  # un numero sotto 1 è una frazione dei passi totali
print(f"passi di warm-up su {PASSI}: {warmup}")


def valori(crea):  # il learning rate dei passi 0..PASSI-1, più quello dopo l'ultimo
    ottimizzatore = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=args.learning_rate)
    programma = crea(ottimizzatore)
    lista = []
    for _ in range(PASSI + 1):
        lista.append(programma.get_last_lr()[0])
        ottimizzatore.step()
        programma.step()
    return lista


# Come fa il Trainer: get_scheduler con il nome scelto e i passi di warm-up calcolati da args.
trainer = valori(lambda o: get_scheduler(args.lr_scheduler_type, o, warmup, PASSI))
diretto = valori(lambda o: get_cosine_schedule_with_warmup(o, warmup, PASSI))
for passo in (0, 1, warmup, 50, PASSI - 1):
    print(f"passo {passo:>2}: learning rate {trainer[passo]:.3e}")
print(f"dopo l'ultimo passo ({PASSI - 1}) il programma arriva a {trainer[PASSI]:.3e}")
assert warmup == math.ceil(0.1 * PASSI) == 9
assert trainer == diretto  # la stessa funzione, chiamata per nome
assert trainer[0] == 0.0 and math.isclose(trainer[warmup], args.learning_rate)
assert abs(trainer[PASSI]) < 1e-18 and trainer[PASSI - 1] > 0  # l'ultimo passo fatto non ha 0
