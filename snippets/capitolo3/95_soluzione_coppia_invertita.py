# Soluzione: lo stesso modello di ricompensa giocattolo, con una coppia su sei invertita per errore.
import torch
import torch.nn.functional as F

caratteristiche = ["pertinente", "passi concreti", "tono cortese", "lunghezza", "fatti inventati"]
coppie = [  # (risposta scelta, risposta scartata), come nello snippet del modello giocattolo
    ([1, 1, 1, 0.6, 0], [1, 0, 1, 0.8, 1]),
    ([1, 0, 1, 0.3, 0], [0, 0, 1, 0.7, 0]),
    ([1, 1, 0, 0.9, 0], [1, 0, 0, 0.4, 0]),
    ([1, 0, 0, 0.2, 0], [1, 0, 0, 0.5, 1]),
    ([0, 0, 1, 0.4, 0], [0, 0, 0, 0.9, 1]),
    ([1, 1, 1, 0.5, 1], [0, 1, 1, 0.6, 1]),
]
nuove = torch.tensor([[1, 1, 0, 0.3, 0], [1, 0, 1, 1.0, 1]])  # le risposte A e B
versioni = {"originali": coppie, "prima invertita": [coppie[0][::-1], *coppie[1:]]}

risultati = {}
for nome, usate in versioni.items():
    scelte = torch.tensor([s for s, _ in usate], dtype=torch.float32)
    scartate = torch.tensor([s for _, s in usate], dtype=torch.float32)
    torch.manual_seed(0)
    testa = torch.nn.Linear(len(caratteristiche), 1)
    ottimizzatore = torch.optim.SGD(testa.parameters(), lr=0.5)
    for _ in range(40):
        perdita = -F.logsigmoid(testa(scelte) - testa(scartate)).mean()
        ottimizzatore.zero_grad()
        perdita.backward()
        ottimizzatore.step()
    with torch.no_grad():
        risultati[nome] = (perdita.item(), testa.weight[0].tolist(), testa(nuove)[:, 0].tolist())

print(f"{'':<22}" + "".join(f"{nome:>17}" for nome in versioni))
print(f"{'perdita finale':<22}" + "".join(f"{r[0]:>17.4f}" for r in risultati.values()))
for i, c in enumerate(caratteristiche):
    print(f"{'peso ' + c:<22}" + "".join(f"{r[1][i]:>+17.3f}" for r in risultati.values()))
for j, risposta in enumerate("AB"):
    valori = "".join(f"{r[2][j]:>+17.3f}" for r in risultati.values())
    print(f"{'ricompensa ' + risposta:<22}" + valori)
