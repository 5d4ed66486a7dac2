/** Replies of the lookup by name (/查看 王建国, /记录 孙丽, any command taking #N). */
export const lookupText = {
  notFound: (name: string, command: string) =>
    `没有找到名叫“${name}”的人员（只查你能管理的村）。请核对姓名，或用编号：/${command} #12；编号可在 /名单 里查。`,
  chooseTitle: (masked: string, count: number) => `有 ${count} 位“${masked}”，请选一位`,
  chooseLine: (input: { id: number; nameMasked: string; village: string; category: string; status: string }) =>
    `#${input.id} ${input.nameMasked} · ${input.village} · ${input.category} · ${input.status}`,
  chooseButton: (id: number) => `选 #${id}`,
  moreThanShown: (shown: number, command: string) => `只列出前 ${shown} 位；其他请用编号：/${command} #12（/名单 可查编号）`,
  chosenToast: (id: number) => `已选 #${id}`,
} as const;
