"""PyTorch twin of graphs/stacked-autoencoder.json: 784-256-32-256-784 (relu, sigmoid), MSE, Adam.
Usage: python3 scripts/reference/stacked_ae.py --steps 2000 --seed 1"""
import argparse

import numpy as np
import torch
from common import balanced_selection, load, report

parser = argparse.ArgumentParser()
parser.add_argument('--steps', type=int, default=2000)
parser.add_argument('--seed', type=int, default=1)
parser.add_argument('--batch', type=int, default=128)
args = parser.parse_args()
torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)

train, _ = load('fashion', 'train')
test, test_labels = load('fashion', 'test')
model = torch.nn.Sequential(
    torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 32), torch.nn.ReLU(),
    torch.nn.Linear(32, 256), torch.nn.ReLU(), torch.nn.Linear(256, 784), torch.nn.Sigmoid())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
order, position = rng.permutation(len(train)), 0
for step in range(args.steps):
    if position + args.batch > len(order):
        order, position = rng.permutation(len(train)), 0
    x = torch.from_numpy(train[order[position:position + args.batch]])
    position += args.batch
    loss = torch.mean((model(x) - x) ** 2)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
with torch.no_grad():
    x = torch.from_numpy(test[balanced_selection(test_labels, 2000)])
    mse = torch.mean((model(x) - x) ** 2).item()
report({'model': 'stacked-autoencoder', 'steps': args.steps, 'seed': args.seed, 'testMse': mse})
