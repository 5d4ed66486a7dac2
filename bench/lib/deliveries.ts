import crypto from 'node:crypto';
import { idCheckChar } from '../../src/domain/id-number';
import { buildCardAction, buildMessageEvent, signedRequest } from '../../tests/helpers/lark-delivery';
import { type PreparedRequest, prepareRequest } from './load';

/**
 * Webhook deliveries as Lark sends them (signed, encrypted), built ahead of the load so the
 * load generator only writes bytes: `/登记` messages with valid, distinct ID numbers in
 * the village groups, and `card.action.trigger` button clicks.
 */
export interface DeliveryIdentity {
  verificationToken: string;
  encryptKey: string;
  botOpenId: string;
  /** Village groups (already bound) the registrations are typed in. */
  villageChats: string[];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣婷晨阳佳琪雪';
const CATEGORIES = ['居家隔离', '集中隔离', '居家隔离', '三天三检', '居家隔离观察'];
const STREETS = ['幸福路', '团结路', '建设街', '人民路', '和平巷', '东风路', '胜利街', '光明路'];
// Real-format area codes (a district of Beijing and a few county-level codes).
const AREAS = ['110105', '110108', '320102', '440305', '510104', '330106', '420111', '610113'];

const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1950, 0, 1);
const BIRTH_SPAN_DAYS = 20_000; // births 1950-01-01 .. 2004-10

/** The i-th distinct valid 18-character ID number (GB 11643 check character). */
export function benchIdNumber(i: number): string {
  const area = AREAS[i % AREAS.length]!;
  const k = Math.floor(i / AREAS.length);
  const birth = new Date(BIRTH_BASE + (k % BIRTH_SPAN_DAYS) * DAY_MS);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(Math.floor(k / BIRTH_SPAN_DAYS) % 1000).padStart(3, '0');
  const first17 = area + ymd + seq;
  return first17 + idCheckChar(first17);
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const pickChar = (xs: string, i: number): string => xs[i % xs.length]!;

export function registerText(i: number): string {
  const name = pickChar(SURNAMES, i * 7) + pickChar(GIVEN, i * 13) + (i % 3 === 0 ? pickChar(GIVEN, i * 5 + 1) : '');
  const phone = `13${String(i % 10)}${String(10_000_000 + ((i * 7919) % 90_000_000)).padStart(8, '0')}`;
  const address = `${pick(STREETS, i)}${(i % 97) + 1}号`;
  return `/登记 ${name} ${benchIdNumber(i)} ${phone} ${pick(CATEGORIES, i)} 今天 ${address}`;
}

function finalize(kind: string, path: string, signed: { rawBody: string; headers: Record<string, string> }): PreparedRequest {
  return prepareRequest(kind, path, Buffer.from(signed.rawBody, 'utf8'), signed.headers);
}

export interface DeliveryFactory {
  /** Next delivery: about `cardShare` of them card clicks, the rest /登记 messages. */
  make(): PreparedRequest & { messageId?: string; chatId?: string };
  /** A text command typed by `from` (seeding); in groups it @-mentions the bot first. */
  command(text: string, opts: { from: string; chatId: string; p2p?: boolean }): PreparedRequest & { messageId: string };
  /** How many /登记 messages were made so far. */
  readonly registrations: number;
}

export function createDeliveryFactory(id: DeliveryIdentity, opts: { cardShare: number; cadresPerVillage: number }): DeliveryFactory {
  let n = 0;
  let registrations = 0;
  const runTag = crypto.randomBytes(3).toString('hex');
  const cardEvery = opts.cardShare > 0 ? Math.round(1 / opts.cardShare) : 0;

  function groupMessage(text: string, from: string, chatId: string, p2p: boolean) {
    const event = buildMessageEvent({
      text: p2p ? text : `@_user_1 ${text}`,
      chatId,
      chatType: p2p ? 'p2p' : 'group',
      senderOpenId: from,
      mentions: p2p ? [] : [{ key: '@_user_1', openId: id.botOpenId, name: 'homewatch' }],
      token: id.verificationToken,
      messageId: `om_bench_${runTag}_${n}_${crypto.randomBytes(4).toString('hex')}`,
      eventId: `ev_bench_${runTag}_${n}_${crypto.randomBytes(4).toString('hex')}`,
    });
    return event;
  }

  return {
    get registrations() {
      return registrations;
    },
    make() {
      const i = n++;
      if (cardEvery > 0 && i % cardEvery === cardEvery - 1) {
        const chatId = pick(id.villageChats, i);
        const event = buildCardAction({
          operatorOpenId: `ou_bench_cadre_${i % (opts.cadresPerVillage * id.villageChats.length)}`,
          value: { action: 'case.ack', caseId: (i % 1000) + 1 },
          chatId,
          messageId: `om_card_${runTag}_${i % 5000}`,
          token: id.verificationToken,
          eventId: `ev_card_${runTag}_${i}`,
        });
        return finalize('card', '/lark/cards', signedRequest(event, { encryptKey: id.encryptKey }));
      }
      const r = registrations++;
      const village = r % id.villageChats.length;
      const chatId = id.villageChats[village]!;
      const cadre = `ou_bench_cadre_${village}_${Math.floor(r / id.villageChats.length) % opts.cadresPerVillage}`;
      const event = groupMessage(registerText(r), cadre, chatId, false);
      const messageId = event.event.message.message_id;
      return { ...finalize('message', '/lark/events', signedRequest(event, { encryptKey: id.encryptKey })), messageId, chatId };
    },
    command(text, o) {
      n++;
      const event = groupMessage(text, o.from, o.chatId, o.p2p ?? false);
      return {
        ...finalize('message', '/lark/events', signedRequest(event, { encryptKey: id.encryptKey })),
        messageId: event.event.message.message_id,
      };
    },
  };
}
