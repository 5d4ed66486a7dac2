/** Toasts shown when a card button is pressed. */
export const cardText = {
  staleAction: '这个按钮已失效，请使用最新的卡片。',
  /** A day card whose place is not this group's, or not the presser's (forged or forwarded). */
  notThisPlace: '这张卡片不属于本群，或你无权查看该村/隔离点的名单。请在本村群里用最新的卡片，或发送 /今日。',
  /** An unexpected failure while handling a press: nothing was changed. */
  actionFailed: '操作没有成功，已记录，请稍后再试；如一直失败，请联系管理员。',
};
