import type { CommandDefinition } from './define-command';
import { bind } from './bind';
import { help } from './help';
import { register } from './register';
import { report } from './report';
import { role } from './role';
import { result } from './result';
import { sample } from './sample';
import { show } from './show';
import { status } from './status';
import { summary } from './summary';
import { temp } from './temp';
import { today } from './today';
import { village } from './village';
import { whoami } from './whoami';

/** Every chat command, in the order /help lists them. */
export const commands: readonly CommandDefinition[] = [help, whoami, register, show, today, sample, result, temp, report, summary, village, bind, role, status];
