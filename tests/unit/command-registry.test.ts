import { describe, expect, it } from 'vitest';
import { commands } from '../../commands';
import { closestCommand, findCommand } from '../../src/lark/command-registry';

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
    expect(closestCommand(commands, 'regster')).toBe('register');
    expect(closestCommand(commands, 'zzzzzzzz')).toBeNull();
  });
});
