# Un modello di ricompensa giocattolo: una testa lineare impara punteggi da coppie scelta/scartata.
import torch
import torch.nn.functional as F

caratteristiche = ["pertinente", "passi concreti", "tono cortese", "lunghezza", "fatti inventati"]
# Ogni risposta è descritta da 5 numeri (in un sistema vero li produce un LLM, non una persona).
coppie = [  # (risposta scelta, risposta scartata) per sei domande diverse
    ([1, 1, 1, 0.6, 0], [1, 0, 1, 0.8, 1]),
    ([1, 0, 1, 0.3, 0], [0, 0, 1, 0.7, 0]),
    ([1, 1, 0, 0.9, 0], [1, 0, 0, 0.4, 0]),
    ([1, 0, 0, 0.2, 0], [1, 0, 0, 0.5, 1]),
    ([0, 0, 1, 0.4, 0], [0, 0, 0, 0.9, 1]),
    ([1, 1, 1, 0.5, 1], [0, 1, 1, 0.6, 1]),
]
scelte = torch.tensor([s for s, _ in coppie], dtype=torch.float32)
scartate = torch.tensor([s for _, s in coppie], dtype=torch.float32)
print("coppie:", tuple(scelte.shape), "scelte,", tuple(scartate.shape), "scartate")

torch.manual_seed(0)
testa = torch.nn.Linear(len(caratteristiche), 1)  # ricompensa = w·x + b
b_iniziale = testa.bias.detach().clone()
ottimizzatore = torch.optim.SGD(testa.parameters(), lr=0.5)
perdite = []
for passo in range(1, 41):
    margine = testa(scelte) - testa(scartate)  # (6, 1): b si cancella nella differenza
    perdita = -F.logsigmoid(margine).mean()
    ottimizzatore.zero_grad()
    perdita.backward()
    ottimizzatore.step()
    perdite.append(perdita.item())
    if passo in (1, 5, 10, 20, 40):
        print(f"passo {passo:>2}  perdita {perdita.item():.4f}")

assert all(dopo < prima for prima, dopo in zip(perdite, perdite[1:]))  # cala a ogni passo
assert torch.equal(testa.bias, b_iniziale)  # b non ha mai ricevuto un gradiente
print("\npesi imparati:")
for nome, w in zip(caratteristiche, testa.weight[0].tolist()):
    print(f"  {nome:<16} {w:+.3f}")

nuove = {
    "A: breve, pertinente, concreta": [1.0, 1.0, 0.0, 0.3, 0.0],
    "B: lunga, cortese, con un fatto inventato": [1.0, 0.0, 1.0, 1.0, 1.0],
}
with torch.no_grad():
    punteggi = {n: testa(torch.tensor(x)).item() for n, x in nuove.items()}
print("\nclassifica di due risposte nuove:")
for posto, (nome, r) in enumerate(sorted(punteggi.items(), key=lambda kv: -kv[1]), 1):
    print(f"  {posto}. {nome:<44} ricompensa {r:+.3f}")
