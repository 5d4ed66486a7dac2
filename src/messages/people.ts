/** How people are named where the bot shows them. */
export const peopleText = {
  /** Someone whose name the bot has not learned yet: the end of their open_id tells people apart. */
  unknownName: (openId: string) => `用户…${openId.slice(-4)}`,
  withRole: (name: string, role: string) => `${name}（${role}）`,
  /** /我是谁: who the bot takes you for. */
  you: (name: string) => `你是：${name}`,
  /** /我是谁 in a bound group: who holds the roles that group's work depends on. */
  holders: (role: string, names: string[]) => `本群${role}：${names.length ? names.join('、') : '无'}`,
};
