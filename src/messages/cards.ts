/** Toasts shown when a card button is pressed. */
export const cardText = {
  staleAction: '这个按钮已失效，请使用最新的卡片。',
};
