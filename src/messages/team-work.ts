import { echo } from './echo';
/** The guarantee team's own work: door visits (上门) and roll calls (点名). */
export const teamWorkText = {
  visitsTitle: (place: string, n: number) => `今日上门 · ${place} · ${n}人`,
  visitsHint: '包保人员上门核实后按“已上门”；没见到本人按“未见到”并写明原因。',
  rollcallTitle: (slot: string, place: string, n: number) => `${slot}点名 · ${place} · ${n}人`,
  rollcallHint: '电话或视频点名后按“已点名”；联系不上按“未接通”，请尽快上门核实。',
  reasonPlaceholder: '未见到的原因，如：外出就医已报备',
  recorded: (word: string, at: string) => `${word}${at ? ` ${at}` : ''}`,
  recordedWithNote: (word: string, at: string, note: string) => `${word}${at ? ` ${at}` : ''}：${echo(note)}`,
  buttons: { seen: '已上门', notSeen: '未见到', answered: '已点名', noAnswer: '未接通' },
  toast: {
    seen: (caseNo: number) => `#${caseNo} 已记录上门`,
    notSeen: (caseNo: number) => `#${caseNo} 已记录未见到本人，请报告并跟进`,
    answered: (caseNo: number) => `#${caseNo} 已记录点名`,
    noAnswer: (caseNo: number) => `#${caseNo} 已记录未接通，请尽快上门核实`,
    askReason: '请在卡片中写明未见到的原因后提交',
    needReason: '请写明未见到的原因',
    already: (caseNo: number, word: string) => `#${caseNo} 已记录为“${word}”，未改动`,
    refused: '仅本村村干部、该人员的包保人员或镇指挥部可记录',
  },
  commandUsage: {
    visit: '用法：/上门 #12（已上门）　或　/上门 #12 未见到 原因',
    rollcall: '用法：/点名 #12（已点名）　或　/点名 #12 未接通',
  },
  noVisitToday: (caseNo: number) => `#${caseNo} 今天没有上门安排（包保每3天上门一次）。`,
  noRollcallNow: (caseNo: number) => `#${caseNo} 现在没有待点名的安排。`,
  notSeenNeedsReason: (caseNo: number) => `要写未见到的原因，例如：/上门 #${caseNo} 未见到 外出就医已报备`,
};
