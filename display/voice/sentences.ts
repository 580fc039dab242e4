// Every whole sentence the voice packs hold, in each pack language: the kiosk's guidance (the same
// words as kiosk/src/renderer/locales/zh-CN.ts and yue.ts, `voice.*`; a kiosk test checks they
// agree) and the window evaluator's prompts (issue 16). Lines with a ticket number, a count or
// windows in them are cut at those: `kiosk_result_1` is the text before the number, and so on.
//
// `pinyin` is what espeak-ng's `cmn-latn-pinyin` voice reads for the Mandarin clip (tone numbers;
// the plain `cmn` voice mispronounces). The Cantonese clip is read by the `yue` voice from the
// Chinese text, or from `jyutping` (voice `yue-Latn-jyutping`) where espeak-ng picks a wrong tone.
// Human recordings replace the generated clips: say exactly `cmn` / `yue`.

export interface SentenceClip {
  name: string;
  cmn: string;
  pinyin: string;
  yue: string;
  jyutping?: string;
}

export const SENTENCES: readonly SentenceClip[] = [
  // ---- kiosk (kiosk/src/renderer/locales: voice.*) ----
  {
    // No "left" (左边): on an upright kiosk the green channel is on top.
    name: 'kiosk_idle',
    cmn: '欢迎。六十岁以上的老人，请点绿色的老年人绿色通道。',
    pinyin:
      'huan1 ying2. liu4 shi2 sui4 yi3 shang4 de5 lao3 ren2, qing3 dian3 lv4 se4 de5 lao3 nian2 ren2 lv4 se4 tong1 dao4.',
    yue: '歡迎。六十歲以上嘅老人家，請按綠色嘅老年人綠色通道。',
  },
  {
    // The screen of the other priority classes (more than two: 残疾人, 军人, …).
    name: 'kiosk_classes',
    cmn: '请点您的优先类别。',
    pinyin: 'qing3 dian3 nin2 de5 you1 xian1 lei4 bie2.',
    yue: '請按你嘅優先類別。',
  },
  {
    name: 'kiosk_chooseElderly',
    cmn: '请点要办理的业务，您的号票会优先办理。',
    pinyin: 'qing3 dian3 yao4 ban4 li3 de5 ye4 wu4, nin2 de5 hao4 piao4 hui4 you1 xian1 ban4 li3.',
    yue: '請按你要辦嘅業務，你嘅籌會優先辦理。',
    jyutping: 'cing2 on3 nei5 jiu3 baan6 ge3 jip6 mou6, nei5 ge3 cau4 wui5 jau1 sin1 baan6 lei5.',
  },
  {
    name: 'kiosk_chooseProxy',
    cmn: '请点要办理的业务。',
    pinyin: 'qing3 dian3 yao4 ban4 li3 de5 ye4 wu4.',
    yue: '請按你要辦嘅業務。',
  },
  { name: 'kiosk_result_1', cmn: '您的号码是', pinyin: 'nin2 de5 hao4 ma3 shi4', yue: '你嘅號碼係' },
  { name: 'kiosk_result_2', cmn: '，前面还有', pinyin: 'qian2 mian4 hai2 you3', yue: '，前面仲有' },
  {
    name: 'kiosk_result_3',
    cmn: '人，请留意',
    pinyin: 'ren2, qing3 liu2 yi4',
    yue: '位，請留意',
  },
  { name: 'kiosk_result_4', cmn: '窗口。', pinyin: 'chuang1 kou3.', yue: '窗口。' },
  { name: 'kiosk_resultAny_1', cmn: '您的号码是', pinyin: 'nin2 de5 hao4 ma3 shi4', yue: '你嘅號碼係' },
  { name: 'kiosk_resultAny_2', cmn: '，前面还有', pinyin: 'qian2 mian4 hai2 you3', yue: '，前面仲有' },
  {
    name: 'kiosk_resultAny_3',
    cmn: '人，请留意叫号屏幕。',
    pinyin: 'ren2, qing3 liu2 yi4 jiao4 hao4 ping2 mu4.',
    yue: '位，請留意叫號屏幕。',
  },
  {
    name: 'kiosk_printFailed',
    cmn: '打印失败，请记住您的号码，或到服务台。',
    pinyin: 'da3 yin4 shi1 bai4, qing3 ji4 zhu4 nin2 de5 hao4 ma3, huo4 dao4 fu2 wu4 tai2.',
    yue: '打印唔成功，請記住你嘅號碼，或者去服務台。',
  },
  {
    name: 'kiosk_countdown',
    cmn: '您还在吗？需要继续，请点继续。',
    pinyin: 'nin2 hai2 zai4 ma5? xu1 yao4 ji4 xu4, qing3 dian3 ji4 xu4.',
    yue: '你仲喺度嗎？要繼續嘅話，請按繼續。',
  },
  {
    name: 'kiosk_paused',
    cmn: '暂停取号，请到服务台。',
    pinyin: 'zan4 ting2 qu3 hao4, qing3 dao4 fu2 wu4 tai2.',
    yue: '暫停取籌，請去服務台。',
  },
  {
    name: 'kiosk_idEntry',
    cmn: '请按数字键输入身份证号码，输完后点确定。',
    pinyin: 'qing3 an4 shu4 zi4 jian4 shu1 ru4 shen1 fen4 zheng4 hao4 ma3, shu1 wan2 hou4 dian3 que4 ding4.',
    yue: '請用數字鍵輸入身份證號碼，輸入完請按確定。',
  },
  {
    name: 'kiosk_idInvalid',
    cmn: '号码有误，请检查后重新输入。',
    pinyin: 'hao4 ma3 you3 wu4, qing3 jian3 cha2 hou4 chong2 xin1 shu1 ru4.',
    yue: '號碼唔啱，請檢查清楚再輸入。',
  },
  {
    name: 'kiosk_issueFailed',
    cmn: '取号没有成功，请再试一次，或到服务台。',
    pinyin: 'qu3 hao4 mei2 you3 cheng2 gong1, qing3 zai4 shi4 yi2 ci4, huo4 dao4 fu2 wu4 tai2.',
    yue: '取籌唔成功，請再試一次，或者去服務台。',
  },
  // ---- appointment check-in (issue 17); a time of day is said with openingClips' 点 / 分 ----
  {
    name: 'kiosk_appointment',
    cmn: '请刷身份证，或按数字键输入预约码，输完后点签到。',
    pinyin:
      'qing3 shua1 shen1 fen4 zheng4, huo4 an4 shu4 zi4 jian4 shu1 ru4 yu4 yue1 ma3, shu1 wan2 hou4 dian3 qian1 dao4.',
    yue: '請拍身份證，或者用數字鍵輸入預約碼，輸入完請按簽到。',
  },
  {
    name: 'kiosk_appointmentNotFound',
    cmn: '没有找到您的预约，请核对后重新输入，或到服务台。',
    pinyin:
      'mei2 you3 zhao3 dao4 nin2 de5 yu4 yue1, qing3 he2 dui4 hou4 chong2 xin1 shu1 ru4, huo4 dao4 fu2 wu4 tai2.',
    yue: '搵唔到你嘅預約，請檢查清楚再輸入，或者去服務台。',
  },
  {
    name: 'kiosk_appointmentEarly_1',
    cmn: '您来早了。请在',
    pinyin: 'nin2 lai2 zao3 le5. qing3 zai4',
    yue: '你嚟早咗。請喺',
  },
  {
    name: 'kiosk_appointmentEarly_2',
    cmn: '以后再来签到。',
    pinyin: 'yi3 hou4 zai4 lai2 qian1 dao4.',
    yue: '之後再嚟簽到。',
  },
  {
    name: 'kiosk_appointmentOtherDay',
    cmn: '您的预约不是今天，请在预约当天再来签到。',
    pinyin: 'nin2 de5 yu4 yue1 bu2 shi4 jin1 tian1, qing3 zai4 yu4 yue1 dang1 tian1 zai4 lai2 qian1 dao4.',
    yue: '你嘅預約唔係今日，請喺預約嗰日再嚟簽到。',
  },
  {
    name: 'kiosk_appointmentLate',
    cmn: '您的预约时间已过。可以点下面的按钮，改取普通号。',
    pinyin:
      'nin2 de5 yu4 yue1 shi2 jian1 yi3 guo4. ke3 yi3 dian3 xia4 mian4 de5 an4 niu3, gai3 qu3 pu3 tong1 hao4.',
    yue: '你嘅預約時間已經過咗。可以按下面嘅掣，改攞普通籌。',
  },
  {
    // The closed screen: "…下次取号时间是" then the time (shared/voice/openingClips.ts).
    name: 'kiosk_closed_1',
    cmn: '现在不是取号时间。下次取号时间是',
    pinyin: 'xian4 zai4 bu2 shi4 qu3 hao4 shi2 jian1. xia4 ci4 qu3 hao4 shi2 jian1 shi4',
    yue: '而家唔係取籌時間。下次取籌時間係',
  },

  // ---- window evaluator (issue 16; shared/voice/evaluatorClips.ts) ----
  {
    name: 'eval_prompt',
    cmn: '请您对本次服务进行评价',
    pinyin: 'qing3 nin2 dui4 ben3 ci4 fu2 wu4 jin4 xing2 ping2 jia4',
    yue: '請你對今次服務作出評價',
  },
  { name: 'eval_very_satisfied', cmn: '非常满意', pinyin: 'fei1 chang2 man3 yi4', yue: '非常滿意' },
  { name: 'eval_satisfied', cmn: '满意', pinyin: 'man3 yi4', yue: '滿意' },
  { name: 'eval_basically_satisfied', cmn: '基本满意', pinyin: 'ji1 ben3 man3 yi4', yue: '基本滿意' },
  { name: 'eval_dissatisfied', cmn: '不满意', pinyin: 'bu4 man3 yi4', yue: '唔滿意' },
  {
    name: 'eval_very_dissatisfied',
    cmn: '非常不满意',
    pinyin: 'fei1 chang2 bu4 man3 yi4',
    yue: '非常唔滿意',
  },
  {
    name: 'eval_reason_prompt',
    cmn: '请选择不满意的原因',
    pinyin: 'qing3 xuan3 ze2 bu4 man3 yi4 de5 yuan2 yin1',
    yue: '請揀選唔滿意嘅原因',
  },
  { name: 'eval_reason_attitude', cmn: '态度', pinyin: 'tai4 du4', yue: '態度' },
  { name: 'eval_reason_efficiency', cmn: '效率', pinyin: 'xiao4 lv4', yue: '效率' },
  { name: 'eval_reason_skill', cmn: '业务不熟', pinyin: 'ye4 wu4 bu4 shu2', yue: '業務唔熟' },
  { name: 'eval_reason_waiting', cmn: '等候太久', pinyin: 'deng3 hou4 tai4 jiu3', yue: '等候太耐' },
  { name: 'eval_reason_environment', cmn: '环境设施', pinyin: 'huan2 jing4 she4 shi1', yue: '環境設施' },
  { name: 'eval_reason_other', cmn: '其他', pinyin: 'qi2 ta1', yue: '其他' },
  { name: 'eval_thanks', cmn: '谢谢您的评价', pinyin: 'xie4 xie5 nin2 de5 ping2 jia4', yue: '多謝你嘅評價' },
];

/** Tone-numbered pinyin of the word and number clips (shared/voice/clipText.ts has their text). */
export const WORD_PINYIN: Readonly<Record<string, string>> = {
  qing: 'qing3',
  hao: 'hao4',
  dao: 'dao4',
  chuangkou: 'chuang1 kou3',
  banli: 'ban4 li3',
  ling: 'ling2',
  yi: 'yi1',
  er: 'er4',
  san: 'san1',
  si: 'si4',
  wu: 'wu3',
  liu: 'liu4',
  qi: 'qi1',
  ba: 'ba1',
  jiu: 'jiu3',
  shi: 'shi2',
  bai: 'bai3',
  liang: 'liang3',
  jintian: 'jin1 tian1',
  mingtian: 'ming2 tian1',
  houtian: 'hou4 tian1',
  yuefen: 'yue4',
  ri: 'ri4',
  dian: 'dian3',
  fen: 'fen1',
};
