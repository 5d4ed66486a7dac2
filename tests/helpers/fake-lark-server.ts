/** The tests' fake Lark is the sandbox's Open Platform simulator, under the names the tests use. */
export {
  type LarkPlatform as FakeLark,
  type PlatformCardUpdate as FakeCardUpdate,
  type PlatformFile as FakeFile,
  type PlatformImage as FakeImage,
  type PlatformMessage as FakeMessage,
  PLATFORM_APP_ID as FAKE_APP_ID,
  PLATFORM_APP_SECRET as FAKE_APP_SECRET,
  type RecordedCall,
  type ScriptedAnswer,
  startLarkPlatform as startFakeLark,
} from '../../src/sandbox/lark-platform';

export { startOutageSwitch, type OutageMode, type OutageSwitch } from './lark-outage-switch';
