import type { Origin } from '../record/types.js'

/** The IPTC digital source type vocabulary C2PA actions use. */
export const iptcDigitalSourceType = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

/**
 * The IPTC term that states a record's origin in a C2PA action. `derived` is true when the work has
 * ingredients (record parents, or Content Credentials already in the file), so the term describes the
 * edit rather than a creation from nothing:
 *
 * - human → `digitalCapture`, or `humanEdits` when derived. A human work is most often a capture in
 *   the newsroom and creator flows we serve; callers that know better (an illustration:
 *   `digitalCreation`) pass their own term to `embedContentCredentials`.
 * - ai → `trainedAlgorithmicMedia` ("created algorithmically using a model trained on sampled
 *   content"), derived or not: generating from a parent image is still generation.
 * - ai-assisted → `compositeWithTrainedAlgorithmicMedia` ("augmentation, correction or enhancement
 *   using a generative AI model"). Not `algorithmicallyEnhanced`: that term covers non-generative
 *   fixes such as sharpening and would understate a record that names the AI model it used.
 * - composite → `composite` ("mix or composite of several elements, any of which may or may not be
 *   generative AI"): our origin does not say whether an element was generated, and neither does it.
 *
 * @example
 * digitalSourceTypeFor('ai', { derived: false }) // 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
 */
export function digitalSourceTypeFor(origin: Origin, { derived }: { derived: boolean }): string {
  const term = {
    human: derived ? 'humanEdits' : 'digitalCapture',
    ai: 'trainedAlgorithmicMedia',
    'ai-assisted': 'compositeWithTrainedAlgorithmicMedia',
    composite: 'composite',
  }[origin]
  return iptcDigitalSourceType + term
}

// Every IPTC term with a faithful Rightflow origin; others (algorithmicMedia, virtualRecording,
// C2PA's own "empty") have none, and origin is then unknown.
const originOfTerm: Record<string, Origin> = {
  digitalCapture: 'human',
  computationalCapture: 'human',
  negativeFilm: 'human',
  positiveFilm: 'human',
  print: 'human',
  screenCapture: 'human',
  humanEdits: 'human',
  minorHumanEdits: 'human',
  digitalCreation: 'human',
  digitalArt: 'human',
  softwareImage: 'human',
  dataDrivenMedia: 'human',
  trainedAlgorithmicMedia: 'ai',
  compositeWithTrainedAlgorithmicMedia: 'ai-assisted',
  // Nearest of our four: machine-altered, not generated; never produced by digitalSourceTypeFor.
  algorithmicallyEnhanced: 'ai-assisted',
  composite: 'composite',
  compositeCapture: 'composite',
  compositeSynthetic: 'composite',
}

/**
 * Our origin for an IPTC digital source type, from a full URI (http or https) or the bare term
 * c2pa-rs also accepts; undefined when no origin says the same thing.
 *
 * @example
 * originFromDigitalSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/humanEdits') // 'human'
 */
export function originFromDigitalSourceType(digitalSourceType: string): Origin | undefined {
  const match = /^(?:https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\/)?([A-Za-z]+)\/?$/.exec(
    digitalSourceType,
  )
  return match ? originOfTerm[match[1]!] : undefined
}
