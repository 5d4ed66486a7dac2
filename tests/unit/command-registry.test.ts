import { describe, expect, it } from 'vitest';
import { commands } from '../../commands';
import { closestCommand, commandIntent, findCommand } from '../../src/lark/command-registry';

describe('findCommand', () => {
  it('finds names and aliases', () => {
    expect(findCommand(commands, 'register')?.command.name).toBe('register');
    expect(findCommand(commands, '登记')).toMatchObject({ command: { name: 'register' }, rest: '' });
  });

  it('forgives a swallowed space after the command word', () => {
    expect(findCommand(commands, '登记张三')).toMatchObject({ command: { name: 'register' }, rest: '张三' });
    expect(findCommand(commands, '查看#12')).toMatchObject({ command: { name: 'show' }, rest: '#12' });
  });

  it('does not read a longer Latin word as a command', () => {
    expect(findCommand(commands, 'registered')).toBeUndefined();
    expect(findCommand(commands, 'helpme')).toBeUndefined();
  });
});

describe('closestCommand', () => {
  it('suggests a near miss and nothing for gibberish', () => {
    expect(closestCommand(commands, 'lsit')).toBe('list');
    expect(closestCommand(commands, '查春')).toBe('查看');
    expect(closestCommand(commands, 'zzzzzzzz')).toBeNull();
  });

  it('never suggests a command that changes something', () => {
    const changing = commands.filter((c) => c.effect === 'changes');
    // Every alias of every changing command, one letter off, and the words of the issue.
    const typos = ['删除', '解出', '登己', 'regster', 'relase', '关比', ...changing.flatMap((c) => [c.name, ...c.aliases].map((n) => `${n}x`))];
    for (const word of typos) {
      const s = closestCommand(commands, word);
      if (s === null) continue;
      const target = findCommand(commands, s)!.command;
      expect(target.effect, `${word} → ${s}`).toBe('reads');
    }
    expect(closestCommand(commands, '删除')).toBeNull();
  });

  it('marks every command as reading or changing, and the changing ones are the lifecycle and duty commands', () => {
    const changing = commands.filter((c) => c.effect === 'changes').map((c) => c.name);
    for (const name of ['register', 'release', 'close', 'transfer', 'edit', 'change', 'extend', 'sample', 'result', 'temp', 'import', 'role', 'bind']) {
      expect(changing).toContain(name);
    }
    expect(changing).not.toContain('show');
  });
});

describe('commandIntent', () => {
  it.each(['删除', '删除#1', '撤销', '撤销登记', '取消', 'delete', 'undo'])('%s is an undo', (w) => expect(commandIntent(w)).toBe('undo'));
  it.each(['解除', '关闭', '查看', 'del1', 'x'])('%s is not', (w) => expect(commandIntent(w)).toBeNull());
});
