import { mount } from 'svelte';
import seedText from '../seeds/changshan-2023-work-report-p11.txt?raw';
import { Store, openDatabase } from './db/index.ts';
import { WorkerSegmenter } from './segment/index.ts';
import { WorkerSuggester } from './suggest/client.ts';
import { Workspace } from './state/workspace.svelte.ts';
import App from './ui/App.svelte';
import './ui/app.css';

const workspace = new Workspace(new Store(openDatabase()), new WorkerSegmenter(), undefined, new WorkerSuggester());
const seed = { title: '常山县 2023 年政府工作报告（第 11 页）', text: seedText };

mount(App, { target: document.getElementById('app')!, props: { workspace, seed } });
