import type { Slice } from './types.ts';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** The search-to-add popup: where it opened, and the port a dragged edge should attach to. */
export interface AddPopup {
  screen: { x: number; y: number };
  flow: { x: number; y: number };
  from?: { nodeId: string; handleId: string; handleType: 'source' | 'target' };
}

export interface Confirm {
  message: string;
  action: string;
  run(): void;
}

/** The open question for the API token: why it is asked again, and where the answer goes. */
export interface TokenPrompt {
  /** The server's reason when the token sent was refused; null the first time. */
  refused: string | null;
  answer(token: string | null): void;
}

export interface UiSlice {
  toasts: Toast[];
  popup: AddPopup | null;
  confirm: Confirm | null;
  tokenPrompt: TokenPrompt | null;
  /** The image shown full size over the editor. */
  viewer: string | null;
  menu: { nodeId: string; x: number; y: number } | null;
  sidebar: 'palette' | 'pipelines' | 'runs';
  notify(text: string, tone?: Toast['tone']): void;
  dismiss(id: number): void;
  openPopup(popup: AddPopup | null): void;
  askConfirm(confirm: Confirm | null): void;
  /** Asks for the API token; null when the person gives up. */
  askToken(refused: string | null): Promise<string | null>;
  showImage(url: string | null): void;
  openMenu(menu: UiSlice['menu']): void;
  showSidebar(tab: UiSlice['sidebar']): void;
}

let nextToast = 1;

export const uiSlice: Slice<UiSlice> = (set, get) => ({
  toasts: [],
  popup: null,
  confirm: null,
  tokenPrompt: null,
  viewer: null,
  menu: null,
  sidebar: 'palette',

  notify(text, tone = 'info') {
    const id = nextToast++;
    set({ toasts: [...get().toasts.slice(-3), { id, text, tone }] });
    setTimeout(() => get().dismiss(id), tone === 'error' ? 8000 : 4000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  openPopup: (popup) => set({ popup }),
  askConfirm: (confirm) => set({ confirm }),
  askToken: (refused) =>
    new Promise((resolve) => {
      const answer = (token: string | null) => {
        set({ tokenPrompt: null });
        resolve(token);
      };
      set({ tokenPrompt: { refused, answer } });
    }),
  showImage: (viewer) => set({ viewer }),
  openMenu: (menu) => set({ menu }),
  showSidebar: (sidebar) => set({ sidebar }),
});
