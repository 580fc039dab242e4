// What the kiosk SAYS in Cantonese (粤语), in written Cantonese with traditional characters as a
// Hong Kong / Guangdong speech voice reads it. The screens' text stays Mandarin Chinese (and
// English); only the voice changes. The voice pack's Cantonese clips say exactly these lines
// (display/voice/sentences.ts; a test checks they agree).
import type { KioskMessages } from './zh-CN';

export interface SpokenLocale {
  voice: KioskMessages['voice'];
  /** How one window is named inside voice.result, and what separates several. */
  windowItem: string;
  windowSeparator: string;
}

const yue: SpokenLocale = {
  voice: {
    idle: '歡迎。六十歲以上嘅老人家，請按綠色嘅老年人綠色通道。',
    classes: '請按你嘅優先類別。',
    chooseElderly: '請按你要辦嘅業務，你嘅籌會優先辦理。',
    chooseProxy: '請按你要辦嘅業務。',
    result: '你嘅號碼係 {number}，前面仲有 {count} 位，請留意 {windows}窗口。',
    resultAny: '你嘅號碼係 {number}，前面仲有 {count} 位，請留意叫號屏幕。',
    printFailed: '打印唔成功，請記住你嘅號碼，或者去服務台。',
    countdown: '你仲喺度嗎？要繼續嘅話，請按繼續。',
    paused: '暫停取籌，請去服務台。',
    idEntry: '請用數字鍵輸入身份證號碼，輸入完請按確定。',
    idInvalid: '號碼唔啱，請檢查清楚再輸入。',
    issueFailed: '取籌唔成功，請再試一次，或者去服務台。',
    closed: '而家唔係取籌時間。下次取籌時間係{when}。',
    appointment: '請拍身份證，或者用數字鍵輸入預約碼，輸入完請按簽到。',
    appointmentNotFound: '搵唔到你嘅預約，請檢查清楚再輸入，或者去服務台。',
    appointmentEarly: '你嚟早咗。請喺 {time} 之後再嚟簽到。',
    appointmentOtherDay: '你嘅預約唔係今日，請喺預約嗰日再嚟簽到。',
    appointmentLate: '你嘅預約時間已經過咗。可以按下面嘅掣，改攞普通籌。',
  },
  windowItem: '{number} 號',
  windowSeparator: '、',
};

export default yue;
