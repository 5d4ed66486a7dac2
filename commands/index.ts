import type { CommandDefinition } from './define-command';
import { bind } from './bind';
import { change } from './change';
import { close } from './close';
import { edit } from './edit';
import { exportCommand } from './export';
import { extend } from './extend';
import { history } from './history';
import { list } from './list';
import { release } from './release';
import { returnCase } from './return';
import { transfer } from './transfer';
import { help } from './help';
import { importCommand } from './import';
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
export const commands: readonly CommandDefinition[] = [help, whoami, register, show, list, history, release, transfer, close, change, extend, edit, returnCase, exportCommand, importCommand, today, sample, result, temp, report, summary, village, bind, role, status];
