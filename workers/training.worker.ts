// The training Web Worker: owns tfjs and exposes the training session to the page through comlink.

import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { NODE_REGISTRY } from '../nodes';
import { createWorkerApi } from './api';
import { startBrowserBackend } from './browser-backends';
import { fetchClassifiers, fetchDatasets } from './browser-data';

const dataBase = new URL(`${import.meta.env.BASE_URL}data/`, self.location.href);

expose(
  createWorkerApi({
    tf,
    registry: NODE_REGISTRY,
    loadDataset: fetchDatasets(dataBase),
    loadClassifier: fetchClassifiers(tf, dataBase),
    startBackend: startBrowserBackend,
  }),
);
